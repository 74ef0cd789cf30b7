// Signposting: the minimal answer about a vulnerable child (plan type and dates, whom to
// call in office hours and out of hours, which agencies are involved), nothing of the case.
// Every lookup states a reason and tells the child's key worker. The key worker's notices,
// and the last lookups of one child.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, myNotifications, signpost, signpostingAccesses, type SignpostingQuery } from './api';
import { Field, FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS, withoutField } from './fieldErrors';
import { formatDate, formatTimestamp, humanise } from './format';
import { nhsNumberProblem, upnProblem } from './identifiers';
import type { PlanType, SignpostingAnswer, SignpostingNotification } from './types';

export const PLAN_LABEL: Record<PlanType, string> = {
  child_protection_plan: 'Child protection plan',
  child_in_need_plan: 'Child in need plan',
  looked_after: 'Looked after',
  unborn_child_protection_plan: 'Unborn child protection plan',
};

const SIGNPOST_REASONS = [
  'Child presented at A&E or urgent care',
  'Child attended an appointment or home visit',
  'Police attended an incident involving the child',
  'School or nursery concern',
];


export function SignpostingPage() {
  const [q, setQ] = useState<SignpostingQuery>({});
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [answers, setAnswers] = useState<SignpostingAnswer[] | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const set = (field: keyof SignpostingQuery) => (e: Event) => {
    setQ({ ...q, [field]: (e.target as HTMLInputElement).value });
    setErrors(withoutField(errors, field));
  };
  const pick = (reason: string) => {
    setChoice(reason);
    setErrors(withoutField(errors, 'reason'));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const query: SignpostingQuery = {
      nhs_number: q.nhs_number?.replace(/\s+/g, '') || undefined,
      upn: q.upn?.trim().toUpperCase() || undefined,
      name: q.name?.trim() || undefined,
      date_of_birth: q.date_of_birth || undefined,
    };
    const reason = choice === 'other' ? other.trim() : choice;
    const fields: Record<string, string> = {};
    if (query.nhs_number && nhsNumberProblem(query.nhs_number)) fields.nhs_number = nhsNumberProblem(query.nhs_number);
    if (query.upn && upnProblem(query.upn)) fields.upn = upnProblem(query.upn);
    if (!query.nhs_number && !query.upn && !(query.name && query.date_of_birth)) {
      if (query.name && !query.date_of_birth) fields.date_of_birth = 'A name needs a date of birth.';
      else if (!query.name && query.date_of_birth) fields.name = 'A date of birth needs a name.';
      else fields.nhs_number = 'Give an NHS number, a UPN, or a name with a date of birth.';
    }
    if (!reason) fields.reason = choice === 'other' ? 'Type the reason, or choose one.' : 'Choose a reason for this lookup.';
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      const r = await signpost(query, reason);
      setAnswers(r);
      requestAnimationFrame(() => resultsHeading.current?.focus());
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['nhs_number', 'upn', 'name', 'date_of_birth', 'reason']));
    } finally {
      setBusy(false);
    }
  };

  const input = (id: keyof SignpostingQuery, label: string, props: Record<string, unknown>, hint?: string) => (
    <Field id={`sp-${id}`} label={label} hint={hint} error={errors.fields[id]}>
      {(p) => <input {...p} name={id} value={q[id] ?? ''} onInput={set(id)} {...props} />}
    </Field>
  );

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Signposting
      </h1>
      <p>
        Is a child on a plan or looked after, and whom do you call? Signposting shows the plan, the responsible team's
        office and out-of-hours numbers and the agencies involved: nothing of the case. Your lookup and its reason are
        recorded and the child's key worker is told.
      </p>
      <form class="card" onSubmit={submit} noValidate aria-label="Signposting lookup">
        <FormError message={errors.general} />
        <div class="field-row">
          {input('nhs_number', 'NHS number', { inputMode: 'numeric', autocomplete: 'off' }, '10 digits')}
          {input('upn', 'UPN', { autocomplete: 'off', spellcheck: false }, 'Unique pupil number')}
        </div>
        <p class="hint">Or a name with a date of birth:</p>
        <div class="field-row">
          {input('name', 'Name', { autocomplete: 'off', spellcheck: false }, 'Part of a first name or surname')}
          {input('date_of_birth', 'Date of birth', { type: 'date' })}
        </div>
        <fieldset aria-describedby={errors.fields.reason ? 'sp-reason-error' : undefined}>
          <legend>Reason for this lookup</legend>
          {SIGNPOST_REASONS.map((r) => (
            <label class="radio" key={r}>
              <input type="radio" name="sp-reason" value={r} checked={choice === r} onChange={() => pick(r)} />
              {r}
            </label>
          ))}
          <label class="radio">
            <input type="radio" name="sp-reason" value="other" checked={choice === 'other'} onChange={() => pick('other')} />
            Another reason
          </label>
          {choice === 'other' && (
            <div class="field">
              <label for="sp-reason-other">Your reason</label>
              <textarea id="sp-reason-other" rows={2} maxLength={500} value={other} onInput={(e) => setOther((e.target as HTMLTextAreaElement).value)} />
            </div>
          )}
          {errors.fields.reason && (
            <p class="error" id="sp-reason-error">
              {errors.fields.reason}
            </p>
          )}
        </fieldset>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Looking up…' : 'Look up'}
        </button>
      </form>

      {answers && (
        <section aria-labelledby="sp-results-h" data-testid="signposting-results">
          <h2 id="sp-results-h" ref={resultsHeading} tabIndex={-1}>
            {answers.length === 0
              ? 'No child on a plan or looked after matches'
              : `${answers.length} ${answers.length === 1 ? 'child' : 'children'} on a plan or looked after`}
          </h2>
          {answers.length === 0 && (
            <p>
              Signposting answers only for children on a plan, looked after, or within 12 months after. A child not shown
              may still be known to services: use your usual referral route if you are worried.
            </p>
          )}
          {answers.map((a) => (
            <SignpostingCard key={a.child_id} answer={a} />
          ))}
        </section>
      )}
    </div>
  );
}

function SignpostingCard({ answer: a }: { answer: SignpostingAnswer }) {
  return (
    <article class="card signpost" aria-labelledby={`sp-${a.child_id}-h`}>
      <h3 id={`sp-${a.child_id}-h`}>
        {a.name}
        {a.date_of_birth && <span class="muted">, born {formatDate(a.date_of_birth)}</span>}
      </h3>
      <dl class="facts">
        <div>
          <dt>Plan</dt>
          <dd data-testid="plan-type">{PLAN_LABEL[a.plan_type] ?? humanise(a.plan_type)}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{formatDate(a.plan_start)}</dd>
        </div>
        <div>
          <dt>Until</dt>
          <dd>{a.plan_end ? formatDate(a.plan_end) : 'Current'}</dd>
        </div>
        <div>
          <dt>Responsible team</dt>
          <dd>
            {a.responsible_team}, {a.responsible_agency}
          </dd>
        </div>
        <div>
          <dt>Office hours</dt>
          <dd>{a.office_phone ? <a href={`tel:${a.office_phone.replace(/\s+/g, '')}`}>{a.office_phone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Out of hours</dt>
          <dd>{a.out_of_hours_phone ? <a href={`tel:${a.out_of_hours_phone.replace(/\s+/g, '')}`}>{a.out_of_hours_phone}</a> : '—'}</dd>
        </div>
      </dl>
      {a.shielded ? (
        <p class="warning">This child's services are withheld for their safety. Contact the responsible team.</p>
      ) : a.involved.length === 0 ? (
        <p>No other agencies are recorded as involved.</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <caption>Agencies involved</caption>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">Team</th>
                <th scope="col">Service</th>
                <th scope="col">Contact</th>
              </tr>
            </thead>
            <tbody>
              {a.involved.map((s, i) => (
                <tr key={i}>
                  <td>{s.agency}</td>
                  <td>{s.team}</td>
                  <td>{s.service}</td>
                  <td class="nowrap">{s.contact_phone || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function LookupTable({ rows, showChild, testId }: { rows: SignpostingNotification[]; showChild: boolean; testId: string }) {
  return (
    <div class="table-scroll">
      <table class="data" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">When</th>
            {showChild && <th scope="col">Child</th>}
            <th scope="col">Who looked</th>
            <th scope="col">Agency</th>
            <th scope="col">Reason given</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <td class="nowrap">{formatTimestamp(n.at)} UTC</td>
              {showChild && (
                <td>
                  <a href={`/children/${n.child_id}`}>Child {n.child_id}</a>
                  <br />
                  <a href={`/children/${n.child_id}/lookups`}>all lookups</a>
                </td>
              )}
              <td>{n.username}</td>
              <td>{n.agency_name || '—'}</td>
              <td>{n.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NotificationsPage() {
  const [rows, setRows] = useState<SignpostingNotification[] | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    myNotifications()
      .then(setRows)
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Who looked up your children
      </h1>
      <p>When someone uses signposting for a child you are key worker for, you are told here: who, when and why.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p role="status">Loading…</p>}
      {rows && rows.length === 0 && <p data-testid="no-notifications">No one has looked up your children.</p>}
      {rows && rows.length > 0 && <LookupTable rows={rows} showChild testId="notifications" />}
    </div>
  );
}

export function ChildLookupsPage({ id }: { id: number }) {
  const [rows, setRows] = useState<SignpostingNotification[] | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    setRows(null);
    setError('');
    signpostingAccesses(id)
      .then(setRows)
      .catch((e) =>
        setError(e instanceof ApiError && e.status === 403 ? `You cannot see this child's lookups: ${e.message}.` : e instanceof Error ? e.message : String(e)),
      );
  }, [id]);
  return (
    <div>
      <p>
        <a href={`/children/${id}`}>← Child {id}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        Signposting lookups of child {id}
      </h1>
      <p>The last 25 lookups, newest first, for the key worker, the responsible team and auditors.</p>
      {error && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p role="status">Loading…</p>}
      {rows && rows.length === 0 && <p>No one has looked this child up through signposting.</p>}
      {rows && rows.length > 0 && <LookupTable rows={rows} showChild={false} testId="child-lookups" />}
    </div>
  );
}
