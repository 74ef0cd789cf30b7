// Which administrative actions the users table offers on a row, and why one is withheld.
// The server applies the same rules (it refuses and audits); this only spares the
// administrator a refusal and says why a button is missing.
import type { Principal, User } from './types';

export interface RowActions {
  /** Empty when the user may be disabled; otherwise why not. */
  disableBlocked: string;
  /** Empty when the role may be changed; otherwise why not (scope and team still may). */
  roleBlocked: string;
}

const activeAdministrators = (users: User[]) => users.filter((u) => u.role === 'administrator' && !u.disabled);

export function rowActions(user: User, me: Principal, users: User[]): RowActions {
  const self = user.id === me.user_id;
  const lastAdmin = user.role === 'administrator' && !user.disabled && activeAdministrators(users).length <= 1;
  return {
    disableBlocked: self
      ? 'You cannot disable yourself.'
      : lastAdmin
        ? 'The last active administrator cannot be disabled.'
        : '',
    roleBlocked: self
      ? 'Another administrator must change your role.'
      : lastAdmin
        ? 'The last active administrator keeps the role; make another administrator first.'
        : '',
  };
}

/** The state column: disabled, locked, waiting for a new password, or active. */
export function stateOf(user: User): string {
  if (user.disabled) return '✗ Disabled';
  if (user.locked) return '! Locked';
  if (user.must_change_password) return '! Must change password';
  return '✓ Active';
}
