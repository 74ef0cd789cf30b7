import { describe, expect, it } from 'vitest';
import { nhsNumberProblem, upnProblem } from './identifiers';

describe('identifier checks', () => {
  it('accepts valid NHS numbers, with or without spaces', () => {
    expect(nhsNumberProblem('2418022587')).toBe('');
    expect(nhsNumberProblem('241 802 2587')).toBe('');
    expect(nhsNumberProblem('')).toBe('');
  });
  it('refuses wrong lengths and check digits', () => {
    expect(nhsNumberProblem('12345')).toMatch(/10 digits/);
    expect(nhsNumberProblem('2418022588')).toMatch(/not a valid/);
  });
  it('checks the UPN shape', () => {
    expect(upnProblem('A891963025302')).toBe('');
    expect(upnProblem('891963025302')).toMatch(/13 characters/);
  });
});
