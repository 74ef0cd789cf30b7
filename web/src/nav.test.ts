import { describe, expect, it } from 'vitest';
import { generatePassword, needsPractitioner } from './AdminUsers';
import { navFor } from './nav';
import type { Principal, Role } from './types';

const as = (role: Role): Principal => ({ user_id: 1, username: 'u', role, scope: 'team', practitioner_id: 1, team_id: 1, agency_id: 1 });
const labels = (role: Role) => navFor(as(role)).map(([, label]) => label);

describe('navFor', () => {
  it('gives practitioners, managers and leads the child screens, MASH and signposting', () => {
    for (const r of ['practitioner', 'safeguarding_lead'] as Role[]) {
      expect(labels(r)).toEqual(['Find a child', 'My work', 'Signposting', 'MASH', 'Agency checks', 'Lookups of my children']);
    }
  });
  it('gives managers the dashboard as well', () => {
    expect(labels('manager')).toEqual(['Find a child', 'My work', 'Signposting', 'MASH', 'Agency checks', 'Lookups of my children', 'Dashboard']);
  });
  it('gives administrators users and misuse reviews, and no child screens', () => {
    expect(labels('administrator')).toEqual(['Users', 'Directory', 'Misuse reviews']);
  });
  it('gives auditors the audit views and misuse reviews', () => {
    expect(labels('auditor')).toEqual(['Audit', 'Misuse reviews']);
  });
});

describe('user administration rules', () => {
  it('a role that reads children below all scope must be a practitioner', () => {
    expect(needsPractitioner('practitioner', 'team')).toBe(true);
    expect(needsPractitioner('safeguarding_lead', 'agency')).toBe(true);
    expect(needsPractitioner('manager', 'all')).toBe(false);
    expect(needsPractitioner('auditor', 'own')).toBe(false);
    expect(needsPractitioner('administrator', 'team')).toBe(false);
  });
  it('a generated password is 16 characters with both cases and a digit', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/\d/);
    }
  });
  it('draws again when the random draw lacks a character class', () => {
    let call = 0;
    const p = generatePassword((n) => {
      call += 1;
      return new Uint32Array(n).fill(call === 1 ? 0 : 1).map((v, i) => (call === 1 ? 0 : i * 7 + v));
    });
    expect(call).toBe(2);
    expect(p).toHaveLength(16);
  });
});
