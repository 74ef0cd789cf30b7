// Administrators: the area's directory. Its agencies, each agency's teams with the office and
// out-of-hours phones that signposting gives out, and each team's practitioners, with a form
// to add one of each and one to change each: an agency's name or code, a team's name or
// phones, a practitioner's team (within the agency) or details. An agency's teams and a team's
// practitioners load when opened, so an area of hundreds of teams costs one request to show.
import { useEffect, useRef, useState } from 'preact/hooks';
import { createAgency, createPractitioner, createTeam, listAgencies, listPractitioners, listTeams, updateAgency, updatePractitioner, updateTeam } from './api';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, withoutField } from './fieldErrors';
import { humanise } from './format';
import type { Agency, Practitioner, Team } from './types';
import { useFormAction } from './useFormAction';

const AGENCY_KINDS = ['social_care', 'police', 'health', 'school', 'probation', 'youth_offending', 'housing', 'voluntary', 'other'];

interface FieldSpec {
  key: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** A choice from these values (shown humanised, or with their labels) instead of free text. */
  choices?: (string | { value: string; label: string })[];
}

const choiceOf = (c: string | { value: string; label: string }) => (typeof c === 'string' ? { value: c, label: humanise(c) } : c);

/**
 * One "add a record" form, folded away until opened: its fields, the refusals beside them, and
 * the button. `send` returns what the status line says once the record is added.
 */
function AddForm(props: {
  id: string;
  summary: string;
  fields: FieldSpec[];
  submit: string;
  send: (values: Record<string, string>) => Promise<string>;
  onAdded: (message: string) => void;
  /** For a form that changes a record: its current values, kept after sending. */
  initial?: Record<string, string>;
}) {
  const empty = props.initial ?? Object.fromEntries(props.fields.map((f) => [f.key, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const action = useFormAction();
  const { errors, setErrors, busy } = action;

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLElement | null;
    const missing = props.fields.filter((f) => f.required && !values[f.key].trim());
    if (missing.length) {
      setErrors({ fields: Object.fromEntries(missing.map((f) => [f.key, `Give the ${f.label.toLowerCase()}.`])), general: '' });
      document.getElementById(`${props.id}-${missing[0].key}`)?.focus();
      return;
    }
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    await action.run(async () => {
      const message = await props.send(trimmed);
      setValues(props.initial ? trimmed : empty);
      form?.closest('details')?.removeAttribute('open');
      props.onAdded(message);
    }, (err) => fieldErrorsFrom(err, props.fields.map((f) => f.key)));
  };

  return (
    <details class="add-record">
      <summary>{props.summary}</summary>
      <form onSubmit={submit} noValidate aria-label={props.summary}>
        <FormError message={errors.general} />
        <div class="field-row">
          {props.fields.map((f) => (
            <Field key={f.key} id={`${props.id}-${f.key}`} label={f.label} hint={f.hint} error={errors.fields[f.key]}>
              {(p) => {
                const onInput = (e: Event) => {
                  setValues({ ...values, [f.key]: (e.target as HTMLInputElement).value });
                  setErrors(withoutField(errors, f.key));
                };
                return f.choices ? (
                  <select {...p} value={values[f.key]} onChange={onInput}>
                    <option value="">Choose…</option>
                    {f.choices.map(choiceOf).map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...p} autocomplete="off" value={values[f.key]} onInput={onInput} />
                );
              }}
            </Field>
          ))}
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sending…' : props.submit}
        </button>
      </form>
    </details>
  );
}

const PHONE_HINT = 'Digits, spaces and + ( ) -';
const TEAM_FIELDS: FieldSpec[] = [
  { key: 'name', label: 'Team name', required: true },
  { key: 'office_phone', label: 'Office phone', hint: PHONE_HINT },
  { key: 'out_of_hours_phone', label: 'Out-of-hours phone', hint: 'Signposting gives it out' },
];

const PRACTITIONER_FIELDS: FieldSpec[] = [
  { key: 'name', label: 'Name', hint: 'As colleagues know them', required: true },
  { key: 'job_title', label: 'Job title' },
  { key: 'email', label: 'Work email' },
  { key: 'phone', label: 'Work phone', hint: PHONE_HINT },
];

/** A list loaded from the server when `key` changes, and again on reload(). */
function useLoadedList<T>(load: () => Promise<T[]>, key: string | number) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState('');
  const reload = () =>
    load()
      .then(setItems)
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => void reload(), [key]);
  return { items, error, reload };
}

/** Which folded entries are open: an entry's contents load only once it is opened. */
function useOpenEntries() {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const onToggle = (id: number) => (e: Event) => {
    const opened = (e.currentTarget as HTMLDetailsElement).open;
    setOpen((before) => {
      const next = new Set(before);
      if (opened) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  return { isOpen: (id: number) => open.has(id), onToggle };
}

/** Loading, its error, or "none yet" for a list that has no entries. */
function ListState({ items, error, none }: { items: unknown[] | null; error: string; none: string }) {
  if (error) return <p class="error">{error}</p>;
  if (!items) return <p role="status">Loading…</p>;
  return items.length === 0 ? <p class="muted">{none}</p> : null;
}

/** A practitioner's details, and the form that changes them or moves them to another of `teams`. */
function PractitionerEntry(props: { p: Practitioner; team: Team; teams: Team[]; onMoved: (message: string) => void }) {
  const { p, team, teams } = props;
  return (
    <li>
      {p.name}
      {p.job_title && `, ${p.job_title}`} <span class="muted">(practitioner {p.id}{p.email && `, ${p.email}`}{p.phone && `, ${p.phone}`})</span>
      <AddForm
        id={`edit-practitioner-${p.id}`}
        summary={`Change ${p.name}'s team or details`}
        submit="Save the practitioner"
        initial={{ team_id: String(p.team_id), name: p.name, job_title: p.job_title, email: p.email, phone: p.phone }}
        fields={[
          {
            key: 'team_id',
            label: 'Team',
            hint: 'A team of this agency; someone who joins another agency is added there anew',
            required: true,
            choices: teams.map((t) => ({ value: String(t.id), label: t.name })),
          },
          ...PRACTITIONER_FIELDS,
        ]}
        send={async (v) => {
          const r = await updatePractitioner(p.id, { team_id: Number(v.team_id), name: v.name, job_title: v.job_title, email: v.email, phone: v.phone });
          const to = teams.find((t) => t.id === Number(v.team_id));
          let message = `${v.name} is now in ${to?.name ?? `team ${v.team_id}`}.`;
          if (r.open_involvements_with_old_team > 0) {
            message += ` ${r.open_involvements_with_old_team} of their cases are still open with ${team.name}: a manager reallocates them.`;
          }
          return message;
        }}
        onAdded={props.onMoved}
      />
    </li>
  );
}

function TeamPractitioners(props: {
  team: Team;
  /** The agency's teams, where a practitioner may move. */
  teams: Team[];
  /** Changes when a practitioner moves, so every open team reads its list again. */
  version: number;
  onAdded: (message: string) => void;
  onTeamChanged: (message: string) => void;
  onPractitionerMoved: (message: string) => void;
}) {
  const { team, onAdded, onTeamChanged } = props;
  const people = useLoadedList<Practitioner>(() => listPractitioners(team.id), `${team.id}:${props.version}`);
  return (
    <div class="directory-team">
      <AddForm
        id={`edit-team-${team.id}`}
        summary={`Change ${team.name}'s name or phones`}
        submit="Save the team"
        initial={{ name: team.name, office_phone: team.office_phone, out_of_hours_phone: team.out_of_hours_phone }}
        fields={TEAM_FIELDS}
        send={async (v) => {
          await updateTeam(team.id, { name: v.name, office_phone: v.office_phone, out_of_hours_phone: v.out_of_hours_phone });
          return `Team ${team.id} is now ${v.name}: office ${v.office_phone || 'not given'}, out of hours ${v.out_of_hours_phone || 'not given'}. Signposting gives these from now on.`;
        }}
        onAdded={onTeamChanged}
      />
      <ListState items={people.items} error={people.error} none="No practitioners yet." />
      {people.items && people.items.length > 0 && (
        <ul data-testid={`team-${team.id}-practitioners`}>
          {people.items.map((p) => (
            <PractitionerEntry key={p.id} p={p} team={team} teams={props.teams} onMoved={props.onPractitionerMoved} />
          ))}
        </ul>
      )}
      <AddForm
        id={`practitioner-${team.id}`}
        summary={`Add a practitioner to ${team.name}`}
        submit="Add the practitioner"
        fields={PRACTITIONER_FIELDS}
        send={async (v) => {
          const r = await createPractitioner(team.id, { name: v.name, job_title: v.job_title, email: v.email, phone: v.phone });
          return `${v.name} added to ${team.name} as practitioner ${r.id}. Make them a user on the Users page.`;
        }}
        onAdded={(message) => {
          onAdded(message);
          void people.reload();
        }}
      />
    </div>
  );
}

function AgencyTeams({ agency, onAdded, onAgencyChanged }: { agency: Agency; onAdded: (message: string) => void; onAgencyChanged: (message: string) => void }) {
  const teams = useLoadedList<Team>(() => listTeams(agency.id), agency.id);
  const entries = useOpenEntries();
  const [version, setVersion] = useState(0);
  return (
    <div class="directory-agency">
      <AddForm
        id={`edit-agency-${agency.id}`}
        summary={`Change ${agency.name}'s name or code`}
        submit="Save the agency"
        initial={{ name: agency.name, code: agency.code }}
        fields={[
          { key: 'name', label: 'Agency name', required: true },
          { key: 'code', label: 'Code', hint: `Its kind (${humanise(agency.kind)}) does not change` },
        ]}
        send={async (v) => {
          await updateAgency(agency.id, { name: v.name, code: v.code });
          return `Agency ${agency.id} is now ${v.name}${v.code ? `, code ${v.code}` : ''}.`;
        }}
        onAdded={onAgencyChanged}
      />
      <ListState items={teams.items} error={teams.error} none="No teams yet." />
      {teams.items && teams.items.length > 0 && (
        <ul>
          {teams.items.map((t) => (
            <li key={t.id}>
              <details onToggle={entries.onToggle(t.id)}>
                <summary>
                  {t.name} <span class="muted">(team {t.id}; office {t.office_phone || 'not given'}; out of hours {t.out_of_hours_phone || 'not given'})</span>
                </summary>
                {entries.isOpen(t.id) && (
                  <TeamPractitioners
                    team={t}
                    teams={teams.items ?? []}
                    version={version}
                    onPractitionerMoved={(message) => {
                      onAdded(message);
                      setVersion((v) => v + 1);
                    }}
                    onAdded={onAdded}
                    onTeamChanged={(message) => {
                      onAdded(message);
                      void teams.reload();
                    }}
                  />
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
      <AddForm
        id={`team-${agency.id}`}
        summary={`Add a team to ${agency.name}`}
        submit="Add the team"
        fields={TEAM_FIELDS}
        send={async (v) => {
          const r = await createTeam(agency.id, { name: v.name, office_phone: v.office_phone, out_of_hours_phone: v.out_of_hours_phone });
          return `${v.name} added to ${agency.name} as team ${r.id}.`;
        }}
        onAdded={(message) => {
          onAdded(message);
          void teams.reload();
        }}
      />
    </div>
  );
}

export function DirectoryPage() {
  const agencies = useLoadedList<Agency>(listAgencies, 0);
  const entries = useOpenEntries();
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Directory
      </h1>
      <p>
        The area's agencies, their teams (with the phones signposting gives out) and their practitioners. Open an agency to see
        its teams, and a team to see its practitioners. Users are made for practitioners on the <a href="/users">Users</a> page.
      </p>
      <p class="status-line" role="status" data-testid="directory-status">
        {announce}
      </p>
      <AddForm
        id="agency"
        summary="Add an agency"
        submit="Add the agency"
        fields={[
          { key: 'name', label: 'Agency name', required: true },
          { key: 'kind', label: 'Kind', required: true, choices: AGENCY_KINDS },
          { key: 'code', label: 'Code', hint: 'Its own short code: an LA number, an ODS code' },
        ]}
        send={async (v) => {
          const r = await createAgency({ name: v.name, kind: v.kind, code: v.code });
          return `${v.name} added as agency ${r.id}.`;
        }}
        onAdded={(message) => {
          setAnnounce(message);
          void agencies.reload();
        }}
      />
      <ListState items={agencies.items} error={agencies.error} none="No agencies yet: add the first above." />
      {agencies.items && agencies.items.length > 0 && (
        <ul class="directory" data-testid="directory">
          {agencies.items.map((a) => (
            <li key={a.id}>
              <details onToggle={entries.onToggle(a.id)}>
                <summary>
                  {a.name} <span class="muted">({humanise(a.kind)}{a.code && `, code ${a.code}`}; agency {a.id})</span>
                </summary>
                {entries.isOpen(a.id) && (
                  <AgencyTeams
                    agency={a}
                    onAdded={setAnnounce}
                    onAgencyChanged={(message) => {
                      setAnnounce(message);
                      void agencies.reload();
                    }}
                  />
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
