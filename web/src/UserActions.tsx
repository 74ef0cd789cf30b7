// One user's administration panel: move to another role, scope or practitioner (hence team),
// disable or re-enable, and issue a one-time temporary password, shown here once and never
// kept. Refusals from the server (the last administrator, oneself) appear beside the field.
import { useState } from 'preact/hooks';
import { changeUser, issueTemporaryPassword, setUserDisabled } from './api';
import { FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS } from './fieldErrors';
import { formatTimestamp, humanise } from './format';
import type { Principal, Role, Scope, User } from './types';
import { needsPractitioner, type PractitionerPlace } from './AdminUsers';
import { PractitionerFields, type PractitionerPick, RoleScopeFields, usePlacementLists } from './PlacementFields';
import { rowActions } from './userAdmin';


interface Props {
  user: User;
  me: Principal;
  users: User[];
  place?: PractitionerPlace;
  onChanged: (message: string) => void;
}

export function UserActions({ user, me, users, place, onChanged }: Props) {
  const blocked = rowActions(user, me, users);
  const [role, setRole] = useState<Role>(user.role);
  const [scope, setScope] = useState<Scope>(user.scope);
  const [pick, setPick] = useState<PractitionerPick>({
    agency: place ? String(place.agency) : '',
    team: place ? String(place.team) : '',
    practitioner: user.practitioner_id ? String(user.practitioner_id) : '',
  });
  const { agency, team, practitioner } = pick;
  const lists = usePlacementLists(agency, team);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<{ password: string; expiresAt: string } | null>(null);
  const id = (field: string) => `u${user.id}-${field}`;

  const act = async (what: () => Promise<string>, fields: string[]) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onChanged(await what());
    } catch (err) {
      setErrors(fieldErrorsFrom(err, fields));
    } finally {
      setBusy(false);
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    if (needsPractitioner(role, scope) && !practitioner) {
      setErrors({ fields: { practitioner_id: `A ${humanise(role).toLowerCase()} with ${scope} scope is a practitioner: choose who.` }, general: '' });
      document.getElementById(id(team ? 'practitioner_id' : agency ? 'team' : 'agency'))?.focus();
      return;
    }
    void act(async () => {
      const u = await changeUser(user.id, { role, scope, ...(practitioner ? { practitioner_id: Number(practitioner) } : {}) });
      return `${u.username} is now ${humanise(u.role).toLowerCase()} with ${u.scope} scope.`;
    }, ['role', 'scope', 'practitioner_id']);
  };

  return (
    <div class="card" data-testid={`manage-${user.username}`}>
      <form onSubmit={save} noValidate aria-label={`Change ${user.username}'s role, scope or team`}>
        <h3>Role, scope and team</h3>
        <FormError message={errors.general} />
        <RoleScopeFields idOf={id} role={role} scope={scope} roleBlocked={blocked.roleBlocked} errors={errors} onRole={setRole} onScope={setScope} />
        <PractitionerFields idOf={id} value={pick} lists={lists} noAgency="No practitioner record" errors={errors} onChange={(next) => setPick(next)} />
        <button type="submit" class="primary" disabled={busy}>
          Save the change
        </button>
      </form>

      <h3>Access</h3>
      <p class="field-hint">
        {user.disabled
          ? 'Disabled: they cannot log in.'
          : blocked.disableBlocked || 'Disabling ends their sessions at once; they cannot log in until re-enabled.'}
      </p>
      {errors.fields.disabled && (
        <p class="error" role="alert">
          {errors.fields.disabled}
        </p>
      )}
      <div class="inline-control">
        <button
          type="button"
          disabled={busy || (!user.disabled && !!blocked.disableBlocked)}
          onClick={() =>
            void act(async () => {
              const u = await setUserDisabled(user.id, !user.disabled);
              return u.disabled ? `${u.username} is disabled; their sessions have ended.` : `${u.username} is enabled again.`;
            }, ['disabled'])
          }
        >
          {user.disabled ? 'Enable' : 'Disable'} {user.username}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              setTemporary(await issueTemporaryPassword(user.id));
              return `A temporary password was issued to ${user.username}; their sessions have ended.`;
            }, [])
          }
        >
          Issue a temporary password
        </button>
      </div>
      {temporary && (
        <div class="notice" role="status" data-testid="temporary-password">
          <p>
            Temporary password for {user.username}: <code>{temporary.password}</code>
          </p>
          <p class="field-hint">
            Shown once and not kept here. Give it to them by a separate channel; they must choose their own at the next
            login. It works until {formatTimestamp(temporary.expiresAt)}; after that, issue another.
          </p>
          <button type="button" onClick={() => setTemporary(null)}>
            I have passed it on; hide it
          </button>
        </div>
      )}
    </div>
  );
}
