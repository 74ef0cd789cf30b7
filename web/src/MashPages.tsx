// The MASH front door. Hub staff see the queue of open contacts (unrated first, then by time
// left), record a contact, ask agencies to check their own records, rate (managers and
// safeguarding leads) and decide. An agency's practitioners see the checks their agency is
// asked to answer, answer them (the answer stays inside the hub) and release the answer.
// Every RAG rating is a shape and a word as well as a colour; every clock says its time
// left or how long it is overdue in words.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  answerCheck,
  ApiError,
  decideContact,
  listAgencies,
  mashQueue,
  myAgencyChecks,
  rateContact,
  recordContact,
  releaseCheck,
  requestChecks,
} from './api';
import { AreaSearch } from './AreaSearch';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, type FieldErrors, withoutField } from './fieldErrors';
import { formatDate, formatTimestamp } from './format';
import { clockText, queueSummary, RAG_HOURS, RAG_LABEL, RAG_SYMBOL, secondsLeftNow } from './rag';
import type { Agency, AgencyCheck, Principal, QueuedContact, RagRating } from './types';

const NO_ERRORS: FieldErrors = { fields: {}, general: '' };
const RATINGS: RagRating[] = ['red', 'amber', 'green'];
const COMMON_SOURCES = [
  'School designated safeguarding lead',
  'Police',
  'GP',
  'Health visitor',
  'Hospital (A&E)',
  'Parent or relative',
  'Member of the public',
  'Anonymous',
];
const COMMON_DECISIONS = [
  "Referral to children's social care",
  'Strategy discussion (section 47)',
  'Early help',
  'Signpost to universal services',
  'No further action',
];

const CHECK_STATUS_LABEL: Record<string, string> = {
  requested: '… Asked, no answer yet',
  answered: '✓ Answered (inside the hub only)',
  released: '✓ Answered and released',
};

/** After a step succeeds, fold its form away (focus moves to the contact's heading). */
function foldAway(form: HTMLElement | null): void {
  form?.closest('details')?.removeAttribute('open');
}

function agencyName(agencies: Agency[], id: number): string {
  return agencies.find((a) => a.id === id)?.name ?? `Agency ${id}`;
}

export function RagBadge({ rating }: { rating: RagRating | null }) {
  if (!rating) {
    return (
      <span class="rag rag-none">
        <span aria-hidden="true">○</span> Not rated
      </span>
    );
  }
  return (
    <span class={`rag rag-${rating}`}>
      <span aria-hidden="true">{RAG_SYMBOL[rating]}</span> {RAG_LABEL[rating]}
    </span>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function isRefusal(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 403 || e.status === 503);
}

// --- the hub's queue -------------------------------------------------------------------

export function MashQueuePage({ user }: { user: Principal }) {
  const [queue, setQueue] = useState<QueuedContact[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const [refused, setRefused] = useState('');
  const [error, setError] = useState('');
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const now = useNow(30_000);
  const canRate = user.role === 'manager' || user.role === 'safeguarding_lead';

  const load = async (focusContact?: number) => {
    try {
      const q = await mashQueue();
      setQueue(q);
      setFetchedAt(Date.now());
      setError('');
      if (focusContact) requestAnimationFrame(() => document.getElementById(`contact-${focusContact}-h`)?.focus());
    } catch (e) {
      if (isRefusal(e)) setRefused(e.message);
      else setError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    heading.current?.focus();
    void load();
    listAgencies()
      .then(setAgencies)
      .catch(() => undefined);
  }, []);

  const changed = (message: string, focusContact?: number) => {
    setAnnounce(message);
    void load(focusContact);
  };

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        MASH front door
      </h1>
      <p class="status-line" role="status" data-testid="mash-status">
        {announce}
      </p>
      {refused ? (
        <div class="refusal" data-testid="mash-refused">
          <h2>You do not work in the hub</h2>
          <p>
            The server says: {refused}. If your agency has been asked to check its records,{' '}
            <a href="/mash/checks">see your agency's checks</a>.
          </p>
        </div>
      ) : (
        <>
          <RecordContact onRecorded={(id, child) => changed(`Contact ${id} recorded for child ${child}; it waits at the top of the queue until it is rated.`, id)} />
          <section aria-labelledby="queue-h">
            <h2 id="queue-h" tabIndex={-1}>
              Open contacts{queue ? ` (${queue.length})` : ''}
            </h2>
            <p class="hint">
              Not yet rated first, then the least time left. Clocks run in working hours (09:00 to 17:00 on working days):{' '}
              {RATINGS.map((r, i) => (
                <span key={r}>
                  {i > 0 && ', '}
                  <RagBadge rating={r} /> {RAG_HOURS[r]} h
                </span>
              ))}
              .
            </p>
            {error && (
              <p class="error" role="alert">
                {error}
              </p>
            )}
            {!queue && !error && <p role="status">Loading the queue…</p>}
            {queue && (
              <div class="queue-bar">
                <p data-testid="queue-summary">
                  <strong>
                    {queueSummary(queue.map((c) => ({ ...c, seconds_left: secondsLeftNow(c.seconds_left, fetchedAt, now) })))}
                  </strong>{' '}
                  <span class="muted">As of {new Date(fetchedAt).toISOString().slice(11, 16)} UTC.</span>
                </p>
                <button type="button" onClick={() => changed('The queue is up to date.')}>
                  Refresh the queue
                </button>
              </div>
            )}
            {queue && queue.length > 0 && (
              <ol class="contact-list" data-testid="mash-queue">
                {queue.map((c) => (
                  <li key={c.id}>
                    <ContactCard
                      contact={c}
                      agencies={agencies}
                      secondsLeft={secondsLeftNow(c.seconds_left, fetchedAt, now)}
                      canRate={canRate}
                      onChanged={changed}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function RecordContact({ onRecorded }: { onRecorded: (id: number, child: number) => void }) {
  const [child, setChild] = useState('');
  const [source, setSource] = useState('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const id = Number(child.trim());
    const fields: Record<string, string> = {};
    if (!Number.isInteger(id) || id < 1) fields.child_id = "Give the child's id, a whole number (it is on the child's page).";
    if (!source.trim()) fields.source = 'Say who made the contact.';
    if (!summary.trim()) fields.summary = 'Say what they told you.';
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) {
      document.getElementById(`contact-${Object.keys(fields)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await recordContact({ child_id: id, source: source.trim(), summary: summary.trim() });
      setChild('');
      setSource('');
      setSummary('');
      onRecorded(r.id, id);
    } catch (err) {
      // "person N does not exist" (404) names no field, but it can only be the child id.
      if (err instanceof ApiError && err.status === 404) setErrors({ fields: { child_id: `${err.message}: check the child's id.` }, general: '' });
      else setErrors(fieldErrorsFrom(err, ['child_id', 'source', 'summary']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card record-contact">
      <summary>Record a new contact</summary>
      <form onSubmit={submit} noValidate aria-label="Record a new contact">
        <FormError message={errors.general} />
        <div class="field-row">
          <Field id="contact-child_id" label="Child id" hint="The number on the child's page" error={errors.fields.child_id}>
            {(p) => (
              <input {...p} inputMode="numeric" autocomplete="off" value={child} onInput={(e) => { setChild((e.target as HTMLInputElement).value); setErrors(withoutField(errors, 'child_id')); }} />
            )}
          </Field>
          <Field id="contact-source" label="Who made the contact" hint="Choose or type" error={errors.fields.source}>
            {(p) => (
              <>
                <input {...p} list="contact-sources" autocomplete="off" value={source} onInput={(e) => { setSource((e.target as HTMLInputElement).value); setErrors(withoutField(errors, 'source')); }} />
                <datalist id="contact-sources">
                  {COMMON_SOURCES.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <Field id="contact-summary" label="What they told you" error={errors.fields.summary}>
          {(p) => <textarea {...p} rows={4} maxLength={4000} value={summary} onInput={(e) => { setSummary((e.target as HTMLTextAreaElement).value); setErrors(withoutField(errors, 'summary')); }} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Recording…' : 'Record the contact'}
        </button>
      </form>
      <AreaSearch
        onPick={(id) => {
          setChild(String(id));
          setErrors(withoutField(errors, 'child_id'));
          document.getElementById('contact-child_id')?.focus();
        }}
      />
    </details>
  );
}

interface CardProps {
  contact: QueuedContact;
  agencies: Agency[];
  secondsLeft: number;
  canRate: boolean;
  onChanged: (message: string, focusContact?: number) => void;
}

function ContactCard({ contact: c, agencies, secondsLeft, canRate, onChanged }: CardProps) {
  const clock = clockText({ rating: c.rating, seconds_left: secondsLeft, escalated: c.escalated });
  const asked = new Set(c.checks.map((k) => k.agency_id));
  return (
    <article class={`card contact clock-${clock.state}`} aria-labelledby={`contact-${c.id}-h`} data-testid={`contact-${c.id}`}>
      <header class="contact-head">
        <h3 id={`contact-${c.id}-h`} tabIndex={-1}>
          Contact {c.id} about <a href={`/children/${c.child_id}`}>{c.child_name || `child ${c.child_id}`}</a>
          {c.child_date_of_birth && <span class="muted"> (born {formatDate(c.child_date_of_birth)})</span>}
        </h3>
        <p class="rag-line" data-testid="rag-clock">
          <RagBadge rating={c.rating} />
          <span class={`clock clock-${clock.state}`}>
            {clock.state === 'overdue' && <span aria-hidden="true">⚠ </span>}
            {clock.text}
          </span>
          {c.due_at && <span class="muted"> (due {formatTimestamp(c.due_at)} UTC)</span>}
          {c.escalated && <span class="tag warn">Escalated</span>}
        </p>
      </header>
      <dl class="facts">
        <div>
          <dt>Received</dt>
          <dd>{formatTimestamp(c.received_at)} UTC</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{c.source}</dd>
        </div>
      </dl>
      <p class="contact-summary">{c.summary}</p>
      {c.checks.length > 0 && (
        <div class="table-scroll">
          <table class="data">
            <caption>Agency checks</caption>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">Status</th>
                <th scope="col">What their records show</th>
              </tr>
            </thead>
            <tbody>
              {c.checks.map((k) => (
                <tr key={k.id}>
                  <td>{agencyName(agencies, k.agency_id)}</td>
                  <td class="nowrap">{CHECK_STATUS_LABEL[k.status] ?? k.status}</td>
                  <td>{k.findings || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="contact-actions">
        <RequestChecks contact={c} agencies={agencies.filter((a) => !asked.has(a.id))} onChanged={onChanged} />
        {canRate && <RateContact contact={c} onChanged={onChanged} />}
        <DecideContact contact={c} onChanged={onChanged} />
      </div>
    </article>
  );
}

function RequestChecks({ contact, agencies, onChanged }: { contact: QueuedContact; agencies: Agency[]; onChanged: CardProps['onChanged'] }) {
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const base = `checks-${contact.id}`;
  if (agencies.length === 0) return null;

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLElement | null;
    if (chosen.size === 0) {
      setErrors({ fields: { agency_ids: 'Tick at least one agency.' }, general: '' });
      return;
    }
    setBusy(true);
    try {
      const r = await requestChecks(contact.id, [...chosen]);
      setChosen(new Set());
      setErrors(NO_ERRORS);
      foldAway(form);
      onChanged(`${r.check_ids.length} ${r.check_ids.length === 1 ? 'agency' : 'agencies'} asked to check their records for contact ${contact.id}.`, contact.id);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['agency_ids']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ChoiceForm
      summary="Ask agencies to check their records"
      legend={`Agencies to ask (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={errors}
      field="agency_ids"
      onSubmit={submit}
      submit={busy ? 'Sending…' : 'Send the requests'}
      busy={busy}
    >
      {agencies.map((a) => (
        <label class="check" key={a.id}>
          <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />
          {a.name}
        </label>
      ))}
    </ChoiceForm>
  );
}

function RateContact({ contact, onChanged }: { contact: QueuedContact; onChanged: CardProps['onChanged'] }) {
  const [rating, setRating] = useState<RagRating | ''>(contact.rating ?? '');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const base = `rate-${contact.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLElement | null;
    if (!rating) {
      setErrors({ fields: { rating: 'Choose red, amber or green.' }, general: '' });
      return;
    }
    setBusy(true);
    try {
      await rateContact(contact.id, rating);
      setErrors(NO_ERRORS);
      foldAway(form);
      onChanged(`Contact ${contact.id} rated ${RAG_LABEL[rating]}; its clock has started.`, contact.id);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['rating']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ChoiceForm
      summary={contact.rating ? 'Change the RAG rating' : 'Rate red, amber or green'}
      legend={`RAG rating (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={errors}
      field="rating"
      onSubmit={submit}
      submit={busy ? 'Rating…' : 'Rate and start the clock'}
      busy={busy}
    >
      {RATINGS.map((r) => (
        <label class="radio" key={r}>
          <input type="radio" name={base} value={r} checked={rating === r} onChange={() => setRating(r)} />
          <RagBadge rating={r} />: decide within {RAG_HOURS[r]} working hours
        </label>
      ))}
    </ChoiceForm>
  );
}

function DecideContact({ contact, onChanged }: { contact: QueuedContact; onChanged: CardProps['onChanged'] }) {
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const base = `decide-${contact.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const decision = choice === 'other' ? other.trim() : choice;
    if (!decision) {
      setErrors({ fields: { decision: choice === 'other' ? 'Type the decision.' : 'Choose a decision.' }, general: '' });
      return;
    }
    setBusy(true);
    try {
      await decideContact(contact.id, decision);
      setErrors(NO_ERRORS);
      onChanged(`Contact ${contact.id} decided: ${decision}. It has left the queue.`);
      requestAnimationFrame(() => document.getElementById('queue-h')?.focus());
    } catch (err) {
      // "rate the contact before deciding it" names the rating: show it here, by the decision.
      setErrors(fieldErrorsFrom(err, { decision: 'decision', rating: 'decision' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ChoiceForm
      summary="Decide"
      legend={`Decision (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={errors}
      field="decision"
      onSubmit={submit}
      submit={busy ? 'Recording…' : 'Record the decision'}
      busy={busy}
    >
      {!contact.rating && <p class="field-hint">Rate the contact first: a contact is decided against its clock.</p>}
      {COMMON_DECISIONS.map((d) => (
        <label class="radio" key={d}>
          <input type="radio" name={base} value={d} checked={choice === d} onChange={() => setChoice(d)} />
          {d}
        </label>
      ))}
      <label class="radio">
        <input type="radio" name={base} value="other" checked={choice === 'other'} onChange={() => setChoice('other')} />
        Another decision
      </label>
      {choice === 'other' && (
        <div class="field">
          <label for={`${base}-other`}>The decision</label>
          <textarea id={`${base}-other`} rows={2} maxLength={2000} value={other} onInput={(e) => setOther((e.target as HTMLTextAreaElement).value)} />
        </div>
      )}
    </ChoiceForm>
  );
}

/**
 * One action on a queued contact, folded away until opened: a choice in a fieldset (ticks or
 * radio buttons), its refusal beside it, and the button. The three actions differ only in
 * what is chosen.
 */
function ChoiceForm(props: {
  summary: string;
  legend: string;
  errorId: string;
  errors: FieldErrors;
  /** The field whose refusal shows under the choice. */
  field: string;
  onSubmit: (e: Event) => void;
  submit: string;
  busy: boolean;
  children: ComponentChildren;
}) {
  const error = props.errors.fields[props.field];
  return (
    <details>
      <summary>{props.summary}</summary>
      <form onSubmit={props.onSubmit} noValidate>
        <FormError message={props.errors.general} />
        <fieldset aria-describedby={error ? props.errorId : undefined}>
          <legend>{props.legend}</legend>
          {props.children}
          {error && (
            <p class="error" id={props.errorId}>
              {error}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
      </form>
    </details>
  );
}

// --- an agency's checks ----------------------------------------------------------------

export function AgencyChecksPage() {
  const [checks, setChecks] = useState<AgencyCheck[] | null>(null);
  const [refused, setRefused] = useState('');
  const [error, setError] = useState('');
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    try {
      setChecks(await myAgencyChecks());
    } catch (e) {
      if (isRefusal(e)) setRefused(e.message);
      else setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    heading.current?.focus();
    void load();
  }, []);

  const changed = (message: string) => {
    setAnnounce(message);
    void load();
  };

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Checks for your agency
      </h1>
      <p>
        The MASH asks your agency what its own records show about a child. Your answer stays inside the hub until you
        release it beyond the hub; released checks leave this list.
      </p>
      <p class="status-line" role="status" data-testid="checks-status">
        {announce}
      </p>
      {refused && (
        <p class="refusal" data-testid="checks-refused">
          The server says: {refused}.
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!checks && !refused && !error && <p role="status">Loading…</p>}
      {checks && checks.length === 0 && <p>No checks are waiting for your agency.</p>}
      {checks && checks.length > 0 && (
        <ol class="contact-list" data-testid="agency-checks">
          {checks.map((c) => (
            <li key={c.id}>
              <CheckCard check={c} onChanged={changed} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function CheckCard({ check, onChanged }: { check: AgencyCheck; onChanged: (message: string) => void }) {
  const [findings, setFindings] = useState(check.findings);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const id = `findings-${check.id}`;

  const answer = async (e: Event) => {
    e.preventDefault();
    if (!findings.trim()) {
      setErrors({ fields: { findings: 'Record what your records show, or that they show nothing.' }, general: '' });
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      await answerCheck(check.id, findings.trim());
      setErrors(NO_ERRORS);
      onChanged(`Check ${check.id} answered. The answer is inside the hub only until you release it.`);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['findings']));
    } finally {
      setBusy(false);
    }
  };
  const release = async () => {
    setBusy(true);
    try {
      await releaseCheck(check.id);
      setErrors(NO_ERRORS);
      onChanged(`Check ${check.id} released beyond the hub.`);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['findings']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card" aria-labelledby={`check-${check.id}-h`} data-testid={`check-${check.id}`}>
      <h2 id={`check-${check.id}-h`}>
        Check {check.id} for MASH contact {check.contact_id}
      </h2>
      <p>
        Status: <strong>{CHECK_STATUS_LABEL[check.status] ?? check.status}</strong>
        {check.answered_at && <span class="muted"> (answered {formatTimestamp(check.answered_at)} UTC)</span>}
      </p>
      <form onSubmit={answer} noValidate>
        <FormError message={errors.general} />
        <Field id={id} label="What your agency's records show" error={errors.fields.findings}>
          {(p) => <textarea {...p} rows={4} maxLength={4000} value={findings} onInput={(e) => { setFindings((e.target as HTMLTextAreaElement).value); setErrors(withoutField(errors, 'findings')); }} />}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {check.status === 'answered' ? 'Update the answer' : 'Answer (inside the hub)'}
          </button>
          {check.status === 'answered' && (
            <button type="button" onClick={release} disabled={busy}>
              Release beyond the hub
            </button>
          )}
        </div>
      </form>
    </article>
  );
}
