import { describe, expect, it } from 'vitest';
import { clockText, formatDuration, queueSummary, secondsLeftNow } from './rag';

describe('formatDuration', () => {
  it('says minutes, hours and days in words', () => {
    expect(formatDuration(0)).toBe('under 1 min');
    expect(formatDuration(59)).toBe('under 1 min');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(86400)).toBe('1 d');
    expect(formatDuration(3 * 86400 + 2 * 3600 + 59)).toBe('3 d 2 h');
  });
  it('measures overdue time as a positive length', () => {
    expect(formatDuration(-7500)).toBe('2 h 5 min');
  });
});

describe('clockText', () => {
  it('an unrated contact has no clock', () => {
    expect(clockText({ rating: null, seconds_left: 0 })).toEqual({ state: 'unrated', text: 'Not rated yet: no clock' });
  });
  it('a running clock says the time left', () => {
    expect(clockText({ rating: 'red', seconds_left: 3 * 3600 + 600 })).toEqual({ state: 'running', text: '3 h 10 min left' });
  });
  it('an overdue or escalated clock says by how much', () => {
    expect(clockText({ rating: 'amber', seconds_left: -7500 })).toEqual({ state: 'overdue', text: 'Overdue by 2 h 5 min' });
    expect(clockText({ rating: 'green', seconds_left: -30, escalated: true }).text).toBe('Overdue by under 1 min');
  });
  it('a decided contact has stopped its clock', () => {
    expect(clockText({ rating: 'red', seconds_left: -10, status: 'decided' }).state).toBe('decided');
  });
});

describe('secondsLeftNow', () => {
  it('counts down from when the queue was fetched', () => {
    expect(secondsLeftNow(600, 1_000_000, 1_000_000 + 61_000)).toBe(539);
    expect(secondsLeftNow(10, 0, 20_000)).toBe(-10);
  });
});

describe('queueSummary', () => {
  it('counts overdue, unrated and on-time contacts in words', () => {
    expect(queueSummary([])).toBe('No open contacts.');
    expect(
      queueSummary([
        { rating: null, seconds_left: 0 },
        { rating: 'red', seconds_left: -5, escalated: true },
        { rating: 'red', seconds_left: 600 },
        { rating: 'green', seconds_left: 6000 },
      ]),
    ).toBe('4 open: 1 overdue, 1 not rated yet, 1 red on time, 1 green on time.');
  });
});
