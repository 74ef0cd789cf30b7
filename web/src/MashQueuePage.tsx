// The MASH front door. Hub staff see the queue of open contacts (unrated first, then by time
// left), record a contact, and act on each one (MashContactActions.tsx). Every RAG rating is
// a shape and a word as well as a colour; every clock says its time left or how long it is
// overdue in words. An agency's own checks are on AgencyChecksPage.tsx.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, listAgencies, mashQueue, recordContact } from './api';
import { AreaSearch } from './AreaSearch';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, withoutField } from './fieldErrors';
import { formatDate, formatTimestamp } from './format';
import { DecideContact, type OnContactChanged, RateContact, RATINGS, RequestChecks } from './MashContactActions';
import { CHECK_STATUS_LABEL, isRefusal, RagBadge } from './mashShared';
import { clockText, queueSummary, RAG_HOURS, secondsLeftNow } from './rag';
import type { Agency, Principal, QueuedContact } from './types';
import { useFormAction } from './useFormAction';

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

function agencyName(agencies: Agency[], id: number): string {
  return agencies.find((a) => a.id === id)?.name ?? `Agency ${id}`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

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
  const action = useFormAction();
  const { errors, setErrors, busy } = action;

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
    await action.run(async () => {
      const r = await recordContact({ child_id: id, source: source.trim(), summary: summary.trim() });
      setChild('');
      setSource('');
      setSummary('');
      onRecorded(r.id, id);
    }, (err) =>
      // "person N does not exist" (404) names no field, but it can only be the child id.
      err instanceof ApiError && err.status === 404
        ? { fields: { child_id: `${err.message}: check the child's id.` }, general: '' }
        : fieldErrorsFrom(err, ['child_id', 'source', 'summary']),
    );
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
  onChanged: OnContactChanged;
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
