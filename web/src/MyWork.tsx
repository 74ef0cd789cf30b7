// My work: the caller's overdue and due-soon casework steps, the concern alerts routed or
// escalated to them, each acknowledged with the action taken, and (for reviewers) the child
// index's queue of possible matches.
import { useEffect, useState } from 'preact/hooks';
import { AlertCard } from './Alerts';
import { CaseloadHandover } from './CaseloadHandover';
import { listAgencies, myAlerts, myWork } from './api';
import { TimescaleState } from './Casework';
import { timescaleKindLabel } from './casework';
import { formatDate } from './format';
import { ReviewQueue } from './ReviewQueue';
import type { Agency, ConcernAlert, Principal, WorkItem, WorkList } from './types';

/** Whose cases the list covers, as the server decided from the user's scope. */
const WHOSE: Record<string, string> = { team: "of your team's ", service: "of your service's " };

function WorkTable({ items, today, caption, testid }: { items: WorkItem[]; today: string; caption: string; testid: string }) {
  if (items.length === 0) return <p data-testid={testid}>{caption}: none.</p>;
  return (
    <div class="table-scroll">
      <table class="data" data-testid={testid}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">Step</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={w.id}>
              <th scope="row">
                <a href={`/children/${w.child}#casework`}>{w.child_name || `Child ${w.child}`}</a>
              </th>
              <td>{timescaleKindLabel(w.kind)}</td>
              <td>{formatDate(w.due)}</td>
              <td>
                <TimescaleState t={w} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MyWorkPage({ user }: { user: Principal }) {
  const [dueWithin, setDueWithin] = useState(5);
  const [work, setWork] = useState<WorkList | null>(null);
  const [workError, setWorkError] = useState('');
  const [alerts, setAlerts] = useState<ConcernAlert[] | null>(null);
  const [alertsError, setAlertsError] = useState('');
  const [agencies, setAgencies] = useState<Map<number, Agency>>(new Map());
  const [message, setMessage] = useState('');

  useEffect(() => {
    myWork(dueWithin)
      .then((w) => {
        setWork(w);
        setWorkError('');
      })
      .catch((e) => setWorkError(String(e?.message ?? e)));
  }, [dueWithin]);
  useEffect(() => {
    myAlerts()
      .then(setAlerts)
      .catch((e) => setAlertsError(String(e?.message ?? e)));
    listAgencies()
      .then((l) => setAgencies(new Map(l.map((a) => [a.id, a]))))
      .catch(() => undefined);
  }, []);

  const open = (alerts ?? []).filter((a) => !a.acknowledged_at);
  const done = (alerts ?? []).filter((a) => a.acknowledged_at);
  return (
    <div data-testid="my-work">
      <h1 tabIndex={-1}>My work</h1>
      <p role="status" class={message ? 'success' : undefined}>
        {message}
      </p>
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">Casework steps</h2>
        <div class="field">
          <label for="due-within">Show steps due within (working days)</label>
          <select id="due-within" value={String(dueWithin)} onChange={(e) => setDueWithin(Number((e.target as HTMLSelectElement).value))}>
            {[1, 5, 10, 20, 40].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
        {workError && (
          <p class="error" role="alert">
            {workError}
          </p>
        )}
        {work && (
          <>
            <p>
              {work.cases} {WHOSE[work.scope] ?? ''}case{work.cases === 1 ? '' : 's'}: {work.overdue.length} overdue, {work.due_soon.length} due within{' '}
              {work.due_within_working_days} working days (as of {formatDate(work.as_of)}).
            </p>
            <WorkTable items={work.overdue} today={work.as_of} caption="Overdue" testid="overdue" />
            <WorkTable items={work.due_soon} today={work.as_of} caption="Due soon" testid="due-soon" />
          </>
        )}
      </section>
      <section aria-labelledby="alerts-h">
        <h2 id="alerts-h">Alerts to acknowledge</h2>
        {alertsError && (
          <p class="error" role="alert">
            {alertsError}
          </p>
        )}
        {alerts && open.length === 0 && <p>No alerts wait for you.</p>}
        {open.map((a) => (
          <AlertCard
            key={a.id}
            alert={a}
            agencies={agencies}
            childLink
            onAcknowledged={(updated) => {
              setAlerts((alerts ?? []).map((x) => (x.id === updated.id ? updated : x)));
              setMessage(`Acknowledged: ${updated.rule_title}.`);
            }}
          />
        ))}
        {done.length > 0 && (
          <details>
            <summary>Acknowledged ({done.length})</summary>
            {done.map((a) => (
              <AlertCard key={a.id} alert={a} agencies={agencies} childLink />
            ))}
          </details>
        )}
      </section>
      {/* The server decides who reviews; only managers and leads can, so only they ask. */}
      {(user.role === 'manager' || user.role === 'safeguarding_lead') && <ReviewQueue onMessage={setMessage} />}
      {user.role === 'manager' && user.scope !== 'own' && <CaseloadHandover user={user} />}
    </div>
  );
}
