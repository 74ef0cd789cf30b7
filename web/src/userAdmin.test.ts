import { describe, expect, it } from 'vitest';
import type { Principal, Role, User } from './types';
import { rowActions, stateOf } from './userAdmin';

const user = (id: number, role: Role, extra: Partial<User> = {}): User => ({
  id,
  username: `u${id}`,
  display_name: `User ${id}`,
  role,
  scope: 'all',
  practitioner_id: null,
  totp_enabled: false,
  locked: false,
  disabled: false,
  ...extra,
});
const me: Principal = { user_id: 1, username: 'u1', role: 'administrator', scope: 'all', practitioner_id: null, team_id: null, agency_id: null };

describe('rowActions', () => {
  it('withholds disabling and role changes from the administrator on their own row', () => {
    const users = [user(1, 'administrator'), user(2, 'administrator')];
    expect(rowActions(users[0], me, users)).toEqual({
      disableBlocked: 'You cannot disable yourself.',
      roleBlocked: 'Another administrator must change your role.',
    });
    expect(rowActions(users[1], me, users)).toEqual({ disableBlocked: '', roleBlocked: '' });
  });
  it('keeps the last active administrator, counting disabled ones as gone', () => {
    const users = [user(1, 'practitioner'), user(2, 'administrator'), user(3, 'administrator', { disabled: true })];
    const r = rowActions(users[1], me, users);
    expect(r.disableBlocked).toMatch(/last active administrator/);
    expect(r.roleBlocked).toMatch(/last active administrator/);
    expect(rowActions(users[2], me, users)).toEqual({ disableBlocked: '', roleBlocked: '' });
  });
  it('offers everything on other roles', () => {
    const users = [user(1, 'administrator'), user(5, 'manager')];
    expect(rowActions(users[1], me, users)).toEqual({ disableBlocked: '', roleBlocked: '' });
  });
});

describe('stateOf', () => {
  it('names the most pressing state', () => {
    expect(stateOf(user(1, 'manager', { disabled: true, locked: true }))).toBe('✗ Disabled');
    expect(stateOf(user(1, 'manager', { locked: true, must_change_password: true }))).toBe('! Locked');
    expect(stateOf(user(1, 'manager', { must_change_password: true }))).toBe('! Must change password');
    expect(stateOf(user(1, 'manager'))).toBe('✓ Active');
  });
});
