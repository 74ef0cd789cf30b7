// A child's page: who they are, who is involved, the household and family as a graph, the
// multi-agency chronology, and what was shared. The record is fetched first and shown as
// soon as it arrives; the chronology, agencies and sharing decisions follow in parallel.
// A refusal is shown with the server's words; a shielded child is shown as the server
// hides them, with the override for safeguarding leads (asks a reason, opens a review).
import { useEffect, useRef, useState } from 'preact/hooks';
import { AlertCard } from './Alerts';
import { ApiError, getChild, getChildAlerts, getChildMerges, getEvents, getReleasedMashChecks, getSharingDecisions, listAgencies, myAlerts } from './api';
import { CaseworkSection } from './Casework';
import { ChildMergesSection } from './ChildMerges';
import { Chronology } from './Chronology';
import { ACCESS_BASIS_LABEL, describeAge, formatDate, fullName, SHIELDING_LABEL, sexLabel } from './format';
import { HouseholdGraph } from './HouseholdGraph';
import { Involvements } from './Involvements';
import { SharingDecisions } from './SharingDecisions';
import { ReleasedMashChecks } from './ReleasedMashChecks';
import type { ChildMerges } from './reviewQueue';
import type { Agency, ChildEvent, ChildRecord, ConcernAlert, Principal, ReleasedMashCheck, SharingDecision } from './types';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: ApiError | Error };

function errorOf(e: unknown): ApiError | Error {
  return e instanceof Error ? e : new Error(String(e));
}

function SectionRefusal({ error }: { error: ApiError | Error }) {
  return (
    <p class="notice" data-testid="section-refusal">
      Not shown to you: {error.message}.
    </p>
  );
}

function Refusal({ error, onRetry }: { error: ApiError | Error; onRetry: () => void }) {
  if (error instanceof ApiError && error.code === 'reason_not_given') {
    return (
      <div class="notice" role="alert" data-testid="refusal">
        <p>The record was not opened because no reason was given.</p>
        <button type="button" onClick={onRetry}>
          State a reason and open it
        </button>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div class="refusal" role="alert" data-testid="refusal">
        <h2>You cannot open this record</h2>
        <p>{error.message}.</p>
        <p>
          Access rests on working with the child: through your own, your team's or your agency's involvement, as your
          role and scope allow. This refusal is recorded in the audit trail.
        </p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div class="refusal" role="alert" data-testid="refusal">
        <h2>No such child</h2>
        <p>{error.message}</p>
      </div>
    );
  }
  return (
    <p class="error" role="alert">
      Could not load: {error.message}
    </p>
  );
}

export function ChildPage({ id, user }: { id: number; user: Principal }) {
  const [override, setOverride] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [record, setRecord] = useState<Load<ChildRecord>>({ state: 'loading' });
  const [events, setEvents] = useState<Load<ChildEvent[]>>({ state: 'loading' });
  const [sharing, setSharing] = useState<Load<SharingDecision[]>>({ state: 'loading' });
  const [alerts, setAlerts] = useState<Load<ConcernAlert[]>>({ state: 'loading' });
  // The alerts routed or escalated to the viewer: those they acknowledge here, as in My work.
  const [held, setHeld] = useState<Set<number>>(new Set());
  const [mash, setMash] = useState<Load<ReleasedMashCheck[]>>({ state: 'loading' });
  const [merges, setMerges] = useState<Load<ChildMerges>>({ state: 'loading' });
  const [mergeMessage, setMergeMessage] = useState('');
  const [involvementMessage, setInvolvementMessage] = useState('');
  const [agencies, setAgencies] = useState<Map<number, Agency>>(new Map());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setRecord({ state: 'loading' });
    setEvents({ state: 'loading' });
    setSharing({ state: 'loading' });
    setMash({ state: 'loading' });
    setMerges({ state: 'loading' });
    (async () => {
      try {
        const r = await getChild(id, override);
        if (!live) return;
        setRecord({ state: 'ok', value: r });
        document.title = `${fullName(r.person)} — Safehub`;
      } catch (e) {
        if (live) setRecord({ state: 'error', error: errorOf(e) });
        return;
      }
      listAgencies()
        .then((list) => live && setAgencies(new Map(list.map((a) => [a.id, a]))))
        .catch(() => undefined);
      getEvents(id, override)
        .then((v) => live && setEvents({ state: 'ok', value: v }))
        .catch((e) => live && setEvents({ state: 'error', error: errorOf(e) }));
      getChildAlerts(id, override)
        .then((v) => live && setAlerts({ state: 'ok', value: v }))
        .catch((e) => live && setAlerts({ state: 'error', error: errorOf(e) }));
      myAlerts()
        .then((mine) => live && setHeld(new Set(mine.map((a) => a.id))))
        .catch(() => undefined);
      getSharingDecisions(id, override)
        .then((v) => live && setSharing({ state: 'ok', value: v }))
        .catch((e) => live && setSharing({ state: 'error', error: errorOf(e) }));
      getReleasedMashChecks(id, override)
        .then((v) => live && setMash({ state: 'ok', value: v }))
        .catch((e) => live && setMash({ state: 'error', error: errorOf(e) }));
      getChildMerges(id, override)
        .then((v) => live && setMerges({ state: 'ok', value: v }))
        .catch((e) => live && setMerges({ state: 'error', error: errorOf(e) }));
    })();
    return () => {
      live = false;
    };
  }, [id, override, attempt]);

  useEffect(() => {
    if (record.state !== 'loading') heading.current?.focus();
  }, [record.state]);

  if (record.state === 'loading') {
    return (
      <p class="loading" role="status">
        Opening the record…
      </p>
    );
  }
  if (record.state === 'error') {
    return (
      <div>
        <h1 ref={heading} tabIndex={-1}>
          Child {id}
        </h1>
        <Refusal error={record.error} onRetry={() => setAttempt(attempt + 1)} />
      </div>
    );
  }

  const r = record.value;
  const p = r.person;
  const canOverride = user.role === 'safeguarding_lead' && r.shielded_view && !override;
  return (
    <article class="child" data-testid="child-page">
      <header class="child-header">
        <h1 ref={heading} tabIndex={-1}>
          {fullName(p)}
        </h1>
        <dl class="facts">
          <div>
            <dt>{p.kind === 'unborn_child' ? 'Expected' : 'Born'}</dt>
            <dd>
              {formatDate(p.date_of_birth ?? p.expected_birth_date) || 'Not recorded'}
              {describeAge(p) && p.kind !== 'unborn_child' ? ` (age ${describeAge(p)})` : ''}
            </dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{sexLabel(p.sex)}</dd>
          </div>
          <div>
            <dt>NHS number</dt>
            <dd>{p.nhs_number || (r.shielded_view ? 'Hidden' : 'Not recorded')}</dd>
          </div>
          <div>
            <dt>UPN</dt>
            <dd>{p.upn || (r.shielded_view ? 'Hidden' : 'Not recorded')}</dd>
          </div>
          {p.date_of_death && (
            <div>
              <dt>Died</dt>
              <dd>{formatDate(p.date_of_death)}</dd>
            </div>
          )}
        </dl>
        {r.merged_into && (
          <div class="warning" role="note" data-testid="merged-into">
            <strong>This record is part of another child's.</strong> A reviewer merged person {p.id} into{' '}
            <a href={`/children/${r.merged_into}`}>child {r.merged_into}</a>, whose record holds this one's events and
            involvements with the rest. Open that record to see the whole picture.
          </div>
        )}
        <p class="access-basis">You can see this record because {ACCESS_BASIS_LABEL[r.access_basis] ?? r.access_basis}.</p>
        {(p.shielding !== 'none' || r.shielded_view) && (
          <div class="warning" role="note" data-testid="shielding-warning">
            <strong>⚠ Shielded child</strong>{' '}
            {p.shielding !== 'none' ? `(${SHIELDING_LABEL[p.shielding] ?? p.shielding}). ` : ''}
            {r.shielded_view
              ? 'Identifiers, addresses, services and family are hidden from you. Do not try to find them another way.'
              : r.shield_overridden
                ? 'You overrode the shielding for this view; an auditor will review it.'
                : 'Take care where and with whom you discuss or share anything about this child.'}
            {canOverride && (
              <p>
                <button type="button" onClick={() => setOverride(true)}>
                  Override shielding for this view
                </button>
              </p>
            )}
          </div>
        )}
        <nav aria-label="On this page" class="page-nav">
          <a href="#casework">Casework</a>
          <a href="#alerts">Alerts</a>
          <a href="#involved">Who is involved</a>
          <a href="#family">Household and family</a>
          <a href="#chronology">Chronology</a>
          <a href="#shared">What was shared</a>
          <a href="#mash">MASH checks</a>
          <a href="#merged">Merged records</a>
          <a href={`/children/${r.person.id}/lookups`}>Signposting lookups</a>
        </nav>
      </header>

      <section id="casework" aria-labelledby="casework-h">
        <h2 id="casework-h">Casework</h2>
        <CaseworkSection key={`${id}:${override}`} childId={id} user={user} override={override} agencies={agencies} />
      </section>

      <section id="alerts" aria-labelledby="alerts-h">
        <h2 id="alerts-h">Concern alerts</h2>
        {alerts.state === 'loading' && <p role="status">Loading…</p>}
        {alerts.state === 'error' && <SectionRefusal error={alerts.error} />}
        {alerts.state === 'ok' &&
          (alerts.value.length === 0 ? (
            <p>No concern alerts about this child.</p>
          ) : (
            alerts.value.map((a) => (
              <div key={a.id}>
                <AlertCard
                  alert={a}
                  agencies={agencies}
                  onAcknowledged={
                    held.has(a.id)
                      ? (updated) =>
                          setAlerts({ state: 'ok', value: alerts.value.map((x) => (x.id === updated.id ? { ...x, ...updated } : x)) })
                      : undefined
                  }
                />
                {!a.acknowledged_at && !held.has(a.id) && (
                  <p class="muted">Held by the child's lead worker or the MASH: they acknowledge it.</p>
                )}
              </div>
            ))
          ))}
      </section>

      <section id="involved" aria-labelledby="involved-h">
        <h2 id="involved-h">Who is involved</h2>
        <p class="status-line" role="status" data-testid="involvement-status">
          {involvementMessage}
        </p>
        <Involvements
          involvements={r.involvements}
          shielded={r.shielded_view}
          changes={{
            childId: id,
            user,
            onChanged: (message) => {
              setInvolvementMessage(message);
              // The record alone is read again: the rest of the page and its focus stay.
              getChild(id, override)
                .then((fresh) => setRecord({ state: 'ok', value: fresh }))
                .catch((e) => setRecord({ state: 'error', error: errorOf(e) }));
            },
          }}
        />
      </section>

      <section id="family" aria-labelledby="family-h">
        <h2 id="family-h">Household and family</h2>
        {r.households.length === 0 && r.relationships.length === 0 ? (
          <p>{r.shielded_view ? 'Hidden: this child is shielded.' : 'No household or family is recorded.'}</p>
        ) : (
          <HouseholdGraph record={r} />
        )}
      </section>

      <section id="chronology" aria-labelledby="chronology-h">
        <h2 id="chronology-h">Chronology</h2>
        {events.state === 'loading' && <p role="status">Loading the chronology…</p>}
        {events.state === 'error' && <SectionRefusal error={events.error} />}
        {events.state === 'ok' &&
          (events.value.length === 0 ? (
            <p>No events are recorded about this child.</p>
          ) : (
            <Chronology key={id} events={events.value} agencies={agencies} />
          ))}
      </section>

      <section id="shared" aria-labelledby="shared-h">
        <h2 id="shared-h">What was shared</h2>
        {sharing.state === 'loading' && <p role="status">Loading…</p>}
        {sharing.state === 'error' && <SectionRefusal error={sharing.error} />}
        {sharing.state === 'ok' && <SharingDecisions decisions={sharing.value} agencies={agencies} />}
      </section>

      <section id="mash" aria-labelledby="mash-h">
        <h2 id="mash-h">MASH checks</h2>
        {mash.state === 'loading' && <p role="status">Loading…</p>}
        {mash.state === 'error' && <SectionRefusal error={mash.error} />}
        {mash.state === 'ok' && <ReleasedMashChecks checks={mash.value} />}
      </section>

      <section id="merged" aria-labelledby="merged-h">
        <h2 id="merged-h">Records merged into this child</h2>
        {mergeMessage && (
          <p class="notice" role="status" data-testid="unmerge-message">
            {mergeMessage}
          </p>
        )}
        {merges.state === 'loading' && <p role="status">Loading…</p>}
        {merges.state === 'error' && <SectionRefusal error={merges.error} />}
        {merges.state === 'ok' && (
          <ChildMergesSection
            childId={id}
            merges={merges.value}
            onUndone={(message) => {
              // Everything on the page read the merged records too: read it all again.
              setMergeMessage(message);
              setAttempt((a) => a + 1);
            }}
          />
        )}
      </section>
    </article>
  );
}
