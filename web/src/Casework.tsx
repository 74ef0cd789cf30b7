// A child's casework on their page: the open plans, the timescales with their state in
// words and the next one due, the form that records a step of the ICPC path (every refusal
// beside the field it names), and the casework records the chronology holds.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getCasework, getChronology, listPractitioners, listTeams, recordStep } from './api';
import {
  actionKey,
  ALL_STEPS,
  attendanceKey,
  caseworkField,
  formId,
  ICPC_STEPS,
  invitedKey,
  contactKey,
  coreGroupContacts,
  meetingRecord,
  OTHER_STEPS,
  nextStep,
  stepBody,
  timescaleKindLabel,
  timescaleText,
  type ActionInput,
  type StepForm,
} from './casework';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, withoutField, type FieldErrors } from './fieldErrors';
import { formatDate, humanise, todayIso } from './format';
import { TeamSelect } from './PractitionerPicker';
import type { Agency, Practitioner, CaseRead, CaseRecords, ChronologyEntry, Principal, Team, Timescale } from './types';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: Error };

export function TimescaleState({ t, today }: { t: Timescale; today: string }) {
  const s = timescaleText(t, today);
  return (
    <span class={`ts ts-${s.tone}`} data-testid="timescale-state">
      {s.tone === 'overdue' ? '⚠ ' : s.tone === 'met' ? '✓ ' : ''}
      {s.text}
    </span>
  );
}

function TimescaleTable({ timescales, today, caption }: { timescales: Timescale[]; today: string; caption: string }) {
  return (
    <div class="table-scroll">
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Timescale</th>
            <th scope="col">Started by</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {timescales.map((t) => (
            <tr key={t.id} data-kind={t.kind}>
              <th scope="row">{timescaleKindLabel(t.kind)}</th>
              <td>
                {humanise(t.started_by)} ({formatDate(t.started_on)})
              </td>
              <td>{formatDate(t.due)}</td>
              <td>
                <TimescaleState t={t} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether this user records casework: children's social care practitioners and managers. */
export function recordsCasework(u: Principal, agencies: Map<number, Agency>): boolean {
  const kind = u.agency_id === null ? '' : agencies.get(u.agency_id)?.kind;
  return (u.role === 'practitioner' || u.role === 'manager') && kind === 'social_care';
}

const ATTENDANCE: [string, string][] = [
  ['', 'Not invited'],
  ['present', 'Present'],
  ['apologies', 'Apologies'],
  ['report sent', 'Report sent'],
  ['absent', 'Absent'],
];

function ErrorBeside({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="error" id={id} data-testid="field-error">
      {message}
    </p>
  ) : null;
}

/**
 * What a conference or core group records (Working Together): each agency invited, when, and
 * whether it was present, sent apologies or a report, or was absent; decisions beyond the
 * step's own; actions with an owner (a practitioner or an agency) and a date. Every refusal
 * the server names under "record" shows beside its control.
 */
function MeetingSection(props: {
  agencies: Map<number, Agency>;
  workers: Practitioner[];
  attendance: Record<number, string>;
  invited: Record<number, string>;
  contacts: Record<number, string>;
  decisions: string;
  actions: ActionInput[];
  quorumReason: string;
  errors: FieldErrors;
  onAttendance: (agency: number, value: string) => void;
  onInvited: (agency: number, value: string) => void;
  onContact: (agency: number, value: string) => void;
  onDecisions: (value: string) => void;
  onActions: (actions: ActionInput[], changedKey?: string) => void;
  onQuorumReason: (value: string) => void;
}) {
  const { agencies, workers, attendance, invited, contacts, actions, errors } = props;
  const setAction = (row: number, part: keyof ActionInput, value: string) =>
    props.onActions(
      actions.map((a, i) => (i === row ? { ...a, [part]: value } : a)),
      actionKey(row, part),
    );
  return (
    <>
      <fieldset class="attendance" aria-describedby={errors.fields.attendance ? 'cw-attendance-error' : 'cw-attendance-hint'}>
        <legend>Invitations and attendance by agency</legend>
        <p class="field-hint" id="cw-attendance-hint">
          A conference is quorate when social care and at least two other agencies are present; otherwise the chair gives a reason to proceed.
        </p>
        {[...agencies.values()].map((a) => {
          const attErr = errors.fields[attendanceKey(a.id)];
          const invErr = errors.fields[invitedKey(a.id)];
          const contactErr = errors.fields[contactKey(a.id)];
          return (
            <div class="field attendance-row" key={a.id} data-agency={a.id}>
              <label for={`cw-att-${a.id}`}>{a.name}</label>
              <select
                id={`cw-att-${a.id}`}
                value={attendance[a.id] ?? ''}
                aria-invalid={attErr ? true : undefined}
                aria-describedby={attErr ? `cw-att-${a.id}-error` : undefined}
                onChange={(e) => props.onAttendance(a.id, (e.target as HTMLSelectElement).value)}
              >
                {ATTENDANCE.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
              <ErrorBeside id={`cw-att-${a.id}-error`} message={attErr} />
              {(attendance[a.id] ?? '') !== '' && (
                <>
                  <label for={`cw-inv-${a.id}`}>Invited on (optional)</label>
                  <input
                    id={`cw-inv-${a.id}`}
                    type="date"
                    value={invited[a.id] ?? ''}
                    aria-invalid={invErr ? true : undefined}
                    aria-describedby={invErr ? `cw-inv-${a.id}-error` : undefined}
                    onInput={(e) => props.onInvited(a.id, (e.target as HTMLInputElement).value)}
                  />
                  <ErrorBeside id={`cw-inv-${a.id}-error`} message={invErr} />
                  <label for={`cw-contact-${a.id}`}>Contact agreed (optional)</label>
                  <input
                    id={`cw-contact-${a.id}`}
                    type="text"
                    placeholder="name, phone, secure email"
                    value={contacts[a.id] ?? ''}
                    aria-invalid={contactErr ? true : undefined}
                    aria-describedby={contactErr ? `cw-contact-${a.id}-error` : undefined}
                    onInput={(e) => props.onContact(a.id, (e.target as HTMLInputElement).value)}
                  />
                  <ErrorBeside id={`cw-contact-${a.id}-error`} message={contactErr} />
                </>
              )}
            </div>
          );
        })}
        <ErrorBeside id="cw-attendance-error" message={errors.fields.attendance} />
        <Field id="cw-quorum" label="Chair's reason to proceed without quorum (only if not quorate)" error={errors.fields.quorum}>
          {(p) => <input {...p} type="text" value={props.quorumReason} onInput={(e) => props.onQuorumReason((e.target as HTMLInputElement).value)} />}
        </Field>
      </fieldset>
      <Field id="cw-decisions" label="Decisions (one a line, optional)" hint="Beyond the step's own decision, e.g. contingency plan agreed." error={errors.fields.decisions}>
        {(p) => <textarea {...p} rows={3} value={props.decisions} onInput={(e) => props.onDecisions((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <fieldset class="meeting-actions">
        <legend>Actions agreed</legend>
        {actions.length === 0 && <p class="field-hint">No actions yet.</p>}
        {actions.map((a, row) => (
          <div class="action-row" key={row} data-testid="action-row">
            <Field id={`cw-action-${row}-description`} label={`Action ${row + 1}`} error={errors.fields[actionKey(row, 'description')]}>
              {(p) => <input {...p} type="text" value={a.description} onInput={(e) => setAction(row, 'description', (e.target as HTMLInputElement).value)} />}
            </Field>
            <Field id={`cw-action-${row}-owner`} label="Owner" error={errors.fields[actionKey(row, 'owner')]}>
              {(p) => (
                <select {...p} value={a.owner} onChange={(e) => setAction(row, 'owner', (e.target as HTMLSelectElement).value)}>
                  <option value="">Choose an owner</option>
                  <optgroup label="A practitioner of your team">
                    {workers.map((w) => (
                      <option key={`p${w.id}`} value={`p:${w.id}`}>
                        {w.name}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label="An agency">
                    {[...agencies.values()].map((ag) => (
                      <option key={`a${ag.id}`} value={`a:${ag.id}`}>
                        {ag.name}
                      </option>
                    ))}
                  </optgroup>
                </select>
              )}
            </Field>
            <Field id={`cw-action-${row}-due`} label="Due by" error={errors.fields[actionKey(row, 'due')]}>
              {(p) => <input {...p} type="date" value={a.due} onInput={(e) => setAction(row, 'due', (e.target as HTMLInputElement).value)} />}
            </Field>
            <button type="button" class="link" onClick={() => props.onActions(actions.filter((_, i) => i !== row))}>
              Remove action {row + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => props.onActions([...actions, { description: '', owner: '', due: '' }])}>
          Add an action
        </button>
      </fieldset>
    </>
  );
}

function StepFormView({
  childId,
  openReferral,
  agencies,
  ownAgency,
  user,
  onRecorded,
}: {
  user: Principal;
  childId: number;
  openReferral: string;
  agencies: Map<number, Agency>;
  ownAgency: number | null;
  onRecorded: (what: string) => void;
}) {
  const [stepName, setStepName] = useState(formId(ICPC_STEPS[0]));
  const form: StepForm = ALL_STEPS.find((s) => formId(s) === stepName) ?? ICPC_STEPS[0];
  // A key worker is chosen from a team of the user's agency: their own by default, another
  // when the plan passes to a long-term team.
  const [teams, setTeams] = useState<Team[]>([]);
  const [workerTeam, setWorkerTeam] = useState(user.team_id ? String(user.team_id) : '');
  const [workers, setWorkers] = useState<Practitioner[]>([]);
  useEffect(() => {
    if (user.agency_id) listTeams(user.agency_id).then(setTeams).catch(() => undefined);
  }, [user.agency_id]);
  useEffect(() => {
    setWorkers([]);
    if (workerTeam) listPractitioners(Number(workerTeam)).then(setWorkers).catch(() => undefined);
  }, [workerTeam]);
  const prefill = (x: StepForm['fields'][number]) =>
    x.kind === 'date'
      ? todayIso()
      : x.kind === 'select'
        ? (x.options?.[0]?.[0] ?? '')
        : x.kind === 'worker' && user.practitioner_id
          ? String(user.practitioner_id)
          : '';
  const initial = (f: StepForm) => Object.fromEntries(f.fields.map((x) => [x.name, prefill(x)]));
  const [values, setValues] = useState<Record<string, string>>(() => initial(form));
  const [errors, setErrors] = useState<FieldErrors>({ fields: {}, general: '' });
  const [busy, setBusy] = useState(false);
  const [attendance, setAttendance] = useState<Record<number, string>>(() => (ownAgency ? { [ownAgency]: 'present' } : {}));
  const [quorumReason, setQuorumReason] = useState('');
  const [invited, setInvited] = useState<Record<number, string>>({});
  const [contacts, setContacts] = useState<Record<number, string>>({});
  const [decisions, setDecisions] = useState('');
  const [actions, setActions] = useState<ActionInput[]>([]);
  const clearMeeting = () => {
    setInvited({});
    setContacts({});
    setDecisions('');
    setActions([]);
    setQuorumReason('');
  };

  const choose = (name: string) => {
    const f = ALL_STEPS.find((s) => formId(s) === name) ?? ICPC_STEPS[0];
    setStepName(formId(f));
    setValues(initial(f));
    setErrors({ fields: {}, general: '' });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    let agencyAt: number[] = [];
    let actionAt: number[] = [];
    try {
      const body = stepBody(form, values);
      if (form.meeting) {
        const built = meetingRecord(
          { attendance, invited, contacts, decisions, actions, quorumOverride: quorumReason },
          new Map([...agencies.values()].map((a) => [a.id, a.kind])),
        );
        body.record = built.record;
        agencyAt = built.agencyAt;
        actionAt = built.actionAt;
      }
      const r = await recordStep(childId, body);
      setErrors({ fields: {}, general: '' });
      const next = nextStep(formId(form), values);
      if (form.meeting) clearMeeting();
      if (next) choose(next);
      const label = next ? ALL_STEPS.find((x) => formId(x) === next)?.label : '';
      onRecorded(`Recorded: ${humanise(r.record)}.${label ? ` Next on the path: ${label.toLowerCase()}.` : ''}`);
    } catch (err) {
      const meetingKeys = form.meeting
        ? [
            'attendance',
            'decisions',
            'quorum',
            ...[...agencies.keys()].flatMap((a) => [attendanceKey(a), invitedKey(a), contactKey(a)]),
            ...actions.flatMap((_, i) => [actionKey(i, 'description'), actionKey(i, 'owner'), actionKey(i, 'due')]),
          ]
        : [];
      const known = [...form.fields.map((f) => f.name), 'step', ...meetingKeys];
      const e = err as ApiError;
      const where = (field: string) => caseworkField(field, agencyAt, actionAt);
      const fe = fieldErrorsFrom(
        err instanceof ApiError
          ? { message: e.message, field: where(e.field), violations: e.violations.map((v) => ({ ...v, field: where(v.field) })) }
          : err,
        known,
      );
      // A refusal about the record the step refers to (the open referral, the enquiry) names a field this form derives.
      if (err instanceof ApiError && !fe.general && Object.keys(fe.fields).length === 0) fe.general = err.message;
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  };

  const id = (name: string) => `cw-${name.replace(/_/g, '-')}`;
  const derived = errors.general;
  return (
    <form class="casework-form" onSubmit={submit} noValidate aria-labelledby="cw-form-h">
      <h3 id="cw-form-h">Record a step</h3>
      <p class="field-hint">{openReferral}</p>
      <FormError message={derived} />
      <Field id="cw-step" label="Step" error={errors.fields.step}>
        {(p) => (
          <select {...p} value={stepName} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
            <optgroup label="Towards an initial conference">
              {ICPC_STEPS.map((s) => (
                <option key={formId(s)} value={formId(s)}>
                  {s.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Other steps">
              {OTHER_STEPS.map((s) => (
                <option key={formId(s)} value={formId(s)}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      {form.fields.map((f) => (
        <Fragment key={`${formId(form)}:${f.name}`}>
          {f.kind === 'worker' && teams.length > 1 && (
            <TeamSelect
              id={id(`${f.name}-team`)}
              label="Team"
              teams={teams}
              value={workerTeam}
              onChange={(team) => {
                setWorkerTeam(team);
                const mine = team === String(user.team_id) && user.practitioner_id;
                setValues({ ...values, [f.name]: mine ? String(user.practitioner_id) : '' });
              }}
            />
          )}
          <Field id={id(f.name)} label={f.label} hint={f.hint} error={errors.fields[f.name]}>
            {(p) => {
              const onInput = (e: Event) => {
                setValues({ ...values, [f.name]: (e.target as HTMLInputElement).value });
                setErrors(withoutField(errors, f.name));
              };
              if (f.kind === 'worker') {
                const known = workers.some((w) => String(w.id) === values[f.name]);
                return (
                  <select {...p} value={values[f.name] ?? ''} onChange={onInput}>
                    <option value="">Choose a practitioner</option>
                    {!known && values[f.name] && values[f.name] === String(user.practitioner_id) && <option value={values[f.name]}>You</option>}
                    {workers.map((w) => (
                      <option key={w.id} value={String(w.id)}>
                        {w.name}
                        {w.id === user.practitioner_id ? ' (you)' : ''}
                        {w.job_title ? `, ${w.job_title}` : ''}
                      </option>
                    ))}
                  </select>
                );
              }
              if (f.kind === 'select') {
                return (
                  <select {...p} value={values[f.name] ?? ''} onChange={onInput}>
                    {(f.options ?? []).map(([v, label]) => (
                      <option key={v} value={v}>
                        {label}
                      </option>
                    ))}
                  </select>
                );
              }
              return <input {...p} type={f.kind === 'date' ? 'date' : 'text'} value={values[f.name] ?? ''} onInput={onInput} />;
            }}
          </Field>
        </Fragment>
      ))}
      {form.meeting && (
        <MeetingSection
          agencies={agencies}
          workers={workers}
          attendance={attendance}
          invited={invited}
          contacts={contacts}
          decisions={decisions}
          actions={actions}
          quorumReason={quorumReason}
          errors={errors}
          onAttendance={(agency, value) => {
            setAttendance({ ...attendance, [agency]: value });
            setErrors(withoutField(withoutField(errors, attendanceKey(agency)), 'attendance'));
          }}
          onInvited={(agency, value) => {
            setInvited({ ...invited, [agency]: value });
            setErrors(withoutField(errors, invitedKey(agency)));
          }}
          onContact={(agency, value) => {
            setContacts({ ...contacts, [agency]: value });
            setErrors(withoutField(errors, contactKey(agency)));
          }}
          onDecisions={(value) => {
            setDecisions(value);
            setErrors(withoutField(errors, 'decisions'));
          }}
          onActions={(next, changed) => {
            setActions(next);
            setErrors(changed ? withoutField(errors, changed) : errors);
          }}
          onQuorumReason={(value) => {
            setQuorumReason(value);
            setErrors(withoutField(withoutField(errors, 'quorum'), 'attendance'));
          }}
        />
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Recording…' : 'Record the step'}
      </button>
    </form>
  );
}

/**
 * Who to contact: the agencies of the latest conference or core group, their attendance and
 * the contact details agreed there (Working Together: the core group members keep in touch
 * between meetings). Shown only when a meeting recorded its members.
 */
function CoreGroup({ records, agencies }: { records: CaseRecords; agencies: Map<number, Agency> }) {
  const group = coreGroupContacts(records);
  if (!group) return null;
  return (
    <>
      <h3>Core group and contacts</h3>
      <table data-testid="core-group">
        <caption>
          As recorded at the {group.kind} on {formatDate(group.heldOn)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Attendance</th>
            <th scope="col">Contact agreed</th>
          </tr>
        </thead>
        <tbody>
          {group.members.map((m, i) => (
            <tr key={`${m.agency ?? m.role}-${i}`}>
              <td>{(m.agency !== null && agencies.get(m.agency)?.name) || humanise(m.role)}</td>
              <td>{humanise(m.attendance)}</td>
              <td>{m.contact || <span class="muted">not recorded</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function CaseworkSection({ childId, user, override, agencies }: { childId: number; user: Principal; override: boolean; agencies: Map<number, Agency> }) {
  const [read, setRead] = useState<Load<CaseRead>>({ state: 'loading' });
  const [entries, setEntries] = useState<Load<ChronologyEntry[]>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    getCasework(childId, override)
      .then((v) => live && setRead({ state: 'ok', value: v }))
      .catch((e) => live && setRead({ state: 'error', error: e instanceof Error ? e : new Error(String(e)) }));
    getChronology(childId, override)
      .then((v) => live && setEntries({ state: 'ok', value: v.filter((x) => x.source !== 'agency event') }))
      .catch((e) => live && setEntries({ state: 'error', error: e instanceof Error ? e : new Error(String(e)) }));
    return () => {
      live = false;
    };
  }, [childId, override, attempt]);

  if (read.state === 'loading') return <p role="status">Loading the casework…</p>;
  if (read.state === 'error') {
    return (
      <p class="notice" data-testid="section-refusal">
        Not shown to you: {read.error.message}.
      </p>
    );
  }
  const c = read.value;
  const today = c.as_of;
  const openPlans = [
    ...c.records.child_protection_plans.filter((p) => p.open).map((p) => `Child protection plan since ${formatDate(p.start)}${p.category ? ` (${p.category})` : ''}`),
    ...c.records.child_in_need_plans.filter((p) => p.open).map((p) => `Child in need plan since ${formatDate(p.start)}`),
  ];
  const openRef = c.records.referrals.find((r) => r.open);
  const closed = c.timescales.filter((t) => t.state !== 'open');
  return (
    <div data-testid="casework">
      <p ref={status} role="status" class={message ? 'success' : undefined}>
        {message}
      </p>
      <h3>Current plans</h3>
      {openPlans.length === 0 ? (
        <p>No open plan.</p>
      ) : (
        <ul data-testid="plans">
          {openPlans.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <CoreGroup records={c.records} agencies={agencies} />
      <h3>Next due</h3>
      {c.next_due ? (
        <p data-testid="next-due">
          <strong>{timescaleKindLabel(c.next_due.kind)}</strong>: <TimescaleState t={c.next_due} today={today} />
        </p>
      ) : (
        <p data-testid="next-due">Nothing is due.</p>
      )}
      {c.open_timescales.length > 0 && <TimescaleTable timescales={c.open_timescales} today={today} caption="Open timescales" />}
      {closed.length > 0 && (
        <details>
          <summary>Timescales already met, late or not required ({closed.length})</summary>
          <TimescaleTable timescales={closed} today={today} caption="Closed timescales" />
        </details>
      )}
      {recordsCasework(user, agencies) && !override && (
        <StepFormView
          childId={childId}
          agencies={agencies}
          ownAgency={user.agency_id}
          user={user}
          openReferral={
            openRef
              ? `Steps refer to the open referral, received ${formatDate(openRef.received_on)}${openRef.decision ? ` (decided: ${openRef.decision})` : ''}.`
              : 'There is no open referral: receive one first.'
          }
          onRecorded={(m) => {
            setMessage(m);
            setAttempt(attempt + 1);
          }}
        />
      )}
      <h3>Casework in the chronology</h3>
      {entries.state === 'loading' && <p role="status">Loading…</p>}
      {entries.state === 'error' && <p class="notice">Not shown to you: {entries.error.message}.</p>}
      {entries.state === 'ok' &&
        (entries.value.length === 0 ? (
          <p>No casework records.</p>
        ) : (
          <ol class="casework-records" data-testid="casework-records">
            {entries.value.map((e, i) => (
              <li key={`${e.reference}-${i}`}>
                <time dateTime={e.date}>{formatDate(e.date)}</time> {humanise(e.kind)}: {e.summary}{' '}
                <span class="muted">({e.reference})</span>
              </li>
            ))}
          </ol>
        ))}
    </div>
  );
}
