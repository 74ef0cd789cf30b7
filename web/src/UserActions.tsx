// One user's administration panel: move to another role, scope or practitioner (hence team),
// disable or re-enable, and issue a one-time temporary password, shown here once and never
// kept. Refusals from the server (the last administrator, oneself) appear beside the field.
import { useEffect, useState } from 'preact/hooks';
import { changeUser, issueTemporaryPassword, listAgencies, listPractitioners, listTeams, setUserDisabled } from './api';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, type FieldErrors } from './fieldErrors';
import { formatTimestamp, humanise } from './format';
import type { Agency, Practitioner, Principal, Role, Scope, Team, User } from './types';
import { needsPractitioner, type PractitionerPlace, ROLE_HELP, SCOPE_HELP } from './AdminUsers';
import { rowActions } from './userAdmin';

const NO_ERRORS: FieldErrors = { fields: {}, general: '' };

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
  const [agency, setAgency] = useState(place ? String(place.agency) : '');
  const [team, setTeam] = useState(place ? String(place.team) : '');
  const [practitioner, setPractitioner] = useState(user.practitioner_id ? String(user.practitioner_id) : '');
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [staff, setStaff] = useState<Practitioner[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<{ password: string; expiresAt: string } | null>(null);
  const id = (field: string) => `u${user.id}-${field}`;

  useEffect(() => {
    listAgencies().then(setAgencies).catch(() => undefined);
  }, []);
  useEffect(() => {
    setTeams([]);
    if (agency) listTeams(Number(agency)).then(setTeams).catch(() => undefined);
  }, [agency]);
  useEffect(() => {
    setStaff([]);
    if (team) listPractitioners(Number(team)).then(setStaff).catch(() => undefined);
  }, [team]);

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
        <div class="field-row">
          <Field id={id('role')} label="Role" hint={blocked.roleBlocked || ROLE_HELP[role]} error={errors.fields.role}>
            {(p) => (
              <select {...p} value={role} disabled={!!blocked.roleBlocked} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
                {(Object.keys(ROLE_HELP) as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {humanise(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('scope')} label="Scope" hint={SCOPE_HELP[scope]} error={errors.fields.scope}>
            {(p) => (
              <select {...p} value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value as Scope)}>
                {(Object.keys(SCOPE_HELP) as Scope[]).map((s) => (
                  <option key={s} value={s}>
                    {humanise(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div class="field-row">
          <Field id={id('agency')} label="Agency">
            {(p) => (
              <select
                {...p}
                value={agency}
                onChange={(e) => {
                  setAgency((e.target as HTMLSelectElement).value);
                  setTeam('');
                  setPractitioner('');
                }}
              >
                <option value="">No practitioner record</option>
                {agencies.map((a) => (
                  <option key={a.id} value={String(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('team')} label="Team">
            {(p) => (
              <select
                {...p}
                value={team}
                disabled={!agency}
                onChange={(e) => {
                  setTeam((e.target as HTMLSelectElement).value);
                  setPractitioner('');
                }}
              >
                <option value="">{agency ? 'Choose a team' : 'Choose an agency first'}</option>
                {teams.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('practitioner_id')} label="Practitioner" error={errors.fields.practitioner_id}>
            {(p) => (
              <select {...p} value={practitioner} disabled={!team} onChange={(e) => setPractitioner((e.target as HTMLSelectElement).value)}>
                <option value="">{team ? 'Choose a practitioner' : 'Choose a team first'}</option>
                {staff.map((x) => (
                  <option key={x.id} value={String(x.id)}>
                    {x.name}
                    {x.job_title ? `, ${x.job_title}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
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
