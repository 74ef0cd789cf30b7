// User administration (administrators): the users, and a new user with a role, a scope and
// (for roles that read children below "all" scope) the practitioner they are, chosen by
// agency and team. Each row can be moved to another role, scope or practitioner (hence
// team), disabled or re-enabled, and given a one-time temporary password (UserActions.tsx).
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createUser, listAgencies, listPractitioners, listTeams, listUsers } from './api';
import { Field, FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS, withoutField } from './fieldErrors';
import { humanise } from './format';
import { PractitionerFields, RoleScopeFields, usePlacementLists } from './PlacementFields';
import type { Principal, Role, Scope, User } from './types';
import { UserActions } from './UserActions';
import { stateOf } from './userAdmin';


export const readsChildren = (role: Role) => role === 'practitioner' || role === 'manager' || role === 'safeguarding_lead';

/** Does this role and scope need the user to be a practitioner (the server's rule)? */
export function needsPractitioner(role: Role, scope: Scope): boolean {
  return readsChildren(role) && scope !== 'all';
}

/** A strong random password of 16 characters from an unambiguous alphabet, with a digit and both cases. */
export function generatePassword(random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n))): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  for (;;) {
    const r = random(16);
    let s = '';
    for (let i = 0; i < 16; i++) s += alphabet[r[i] % alphabet.length];
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return s;
  }
}

interface Draft {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  scope: Scope;
  agency: string;
  team: string;
  practitioner: string;
}

const EMPTY: Draft = { username: '', display_name: '', password: '', role: 'practitioner', scope: 'team', agency: '', team: '', practitioner: '' };

/** Where a practitioner sits, so the table names them and the change form starts from their team. */
export interface PractitionerPlace {
  label: string;
  agency: number;
  team: number;
}

export function AdminUsersPage({ me }: { me: Principal }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState('');
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = () =>
    listUsers()
      .then((u) => {
        setUsers(u);
        setError('');
      })
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => {
    heading.current?.focus();
    void load();
  }, []);

  // Practitioners by id, "Name, Team (Agency)", so the table names people rather than numbers.
  const [who, setWho] = useState<Map<number, PractitionerPlace>>(new Map());
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const map = new Map<number, PractitionerPlace>();
      for (const a of await listAgencies()) {
        const teams = await listTeams(a.id);
        const staff = await Promise.all(teams.map((t) => listPractitioners(t.id)));
        teams.forEach((t, i) =>
          staff[i].forEach((p) => map.set(p.id, { label: `${p.name}, ${t.name} (${a.name})`, agency: a.id, team: t.id })),
        );
      }
      if (live) setWho(map);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Users
      </h1>
      <p class="status-line" role="status" data-testid="users-status">
        {announce}
      </p>
      <NewUserForm
        onCreated={(u, id) => {
          setAnnounce(`User ${u} created (id ${id}). Give them the password by a separate channel; they can add a second factor after logging in.`);
          void load();
        }}
      />
      <section aria-labelledby="users-h">
        <h2 id="users-h">All users{users ? ` (${users.length})` : ''}</h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {!users && !error && <p role="status">Loading…</p>}
        {users && (
          <div class="table-scroll">
            <table class="data" data-testid="users">
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Practitioner</th>
                  <th scope="col">Second factor</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <Fragment key={u.id}>
                    <tr class={u.disabled || u.locked ? 'refused' : ''} data-user={u.username}>
                      <td>{u.username}</td>
                      <td>{u.display_name}</td>
                      <td>{humanise(u.role)}</td>
                      <td>{humanise(u.scope)}</td>
                      <td>{u.practitioner_id ? (who.get(u.practitioner_id)?.label ?? `Practitioner ${u.practitioner_id}`) : '—'}</td>
                      <td>{u.totp_enabled ? '✓ On' : 'Off'}</td>
                      <td>{stateOf(u)}</td>
                      <td>
                        <button
                          type="button"
                          aria-expanded={open === u.id}
                          aria-controls={`manage-${u.id}`}
                          aria-label={`Manage ${u.username}`}
                          onClick={() => setOpen(open === u.id ? null : u.id)}
                        >
                          Manage
                        </button>
                      </td>
                    </tr>
                    {open === u.id && (
                      <tr id={`manage-${u.id}`}>
                        <td colSpan={8}>
                          <UserActions
                            user={u}
                            me={me}
                            users={users}
                            place={u.practitioner_id ? who.get(u.practitioner_id) : undefined}
                            onChanged={(message) => {
                              setAnnounce(message);
                              void load();
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: (username: string, id: number) => void }) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const lists = usePlacementLists(d.agency, d.team);
  const needs = needsPractitioner(d.role, d.scope);

  // The text fields; role, scope and the practitioner come through their shared fields.
  const set = (k: 'username' | 'display_name' | 'password') => (e: Event) => {
    setD({ ...d, [k]: (e.target as HTMLInputElement).value });
    setErrors(withoutField(errors, k));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!/^[a-z0-9._-]{1,64}$/.test(d.username)) fields.username = "Use 1 to 64 of a-z, 0-9, '.', '_' and '-'.";
    if (!d.display_name.trim()) fields.display_name = 'Give their name as colleagues know it.';
    if (d.password.length < 12) fields.password = 'At least 12 characters (or generate one).';
    if (needs && !d.practitioner) fields.practitioner_id = `A ${humanise(d.role).toLowerCase()} with ${d.scope} scope is a practitioner: choose who.`;
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) {
      const first = Object.keys(fields)[0];
      const target = first === 'practitioner_id' && !d.team ? (d.agency ? 'team' : 'agency') : first;
      document.getElementById(`user-${target}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await createUser({
        username: d.username,
        display_name: d.display_name.trim(),
        password: d.password,
        role: d.role,
        scope: d.scope,
        ...(d.practitioner ? { practitioner_id: Number(d.practitioner) } : {}),
      });
      onCreated(d.username, r.id);
      setD(EMPTY);
      setErrors(NO_ERRORS);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['username', 'display_name', 'password', 'role', 'scope', 'practitioner_id']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-user-h">
      <h2 id="new-user-h">Add a user</h2>
      <FormError message={errors.general} />
      <div class="field-row">
        <Field id="user-username" label="Username" hint="a-z, 0-9, '.', '_', '-'" error={errors.fields.username}>
          {(p) => <input {...p} autocomplete="off" spellcheck={false} value={d.username} onInput={set('username')} />}
        </Field>
        <Field id="user-display_name" label="Full name" error={errors.fields.display_name}>
          {(p) => <input {...p} autocomplete="off" value={d.display_name} onInput={set('display_name')} />}
        </Field>
      </div>
      <Field id="user-password" label="Password" hint="At least 12 characters mixing cases, digits or symbols" error={errors.fields.password}>
        {(p) => (
          <div class="inline-control">
            <input {...p} type="text" autocomplete="new-password" spellcheck={false} value={d.password} onInput={set('password')} />
            <button
              type="button"
              onClick={() => {
                setD({ ...d, password: generatePassword() });
                setErrors(withoutField(errors, 'password'));
              }}
            >
              Generate
            </button>
          </div>
        )}
      </Field>
      <RoleScopeFields
        idOf={(f) => `user-${f}`}
        role={d.role}
        scope={d.scope}
        errors={errors}
        onRole={(role) => {
          setD({ ...d, role });
          setErrors(withoutField(errors, 'role'));
        }}
        onScope={(scope) => {
          setD({ ...d, scope });
          setErrors(withoutField(errors, 'scope'));
        }}
      />
      <fieldset>
        <legend>Practitioner record {needs ? '(required for this role and scope)' : '(optional)'}</legend>
        <p class="field-hint">Scope is measured from the practitioner's team and agency.</p>
        <PractitionerFields
          idOf={(f) => `user-${f}`}
          value={d}
          lists={lists}
          noAgency="Choose an agency"
          errors={errors}
          onChange={(pick, field) => {
            setD({ ...d, ...pick });
            setErrors(withoutField(errors, field));
          }}
        />
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add the user'}
      </button>
    </form>
  );
}
