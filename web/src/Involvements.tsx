// Who is involved with the child: agency, team, practitioner, role and how to reach them.
// A masked sensitive service (sexual health, mental health, substance misuse, seen from
// outside its team) shows only that one is involved and the team to contact. Those who may
// hand a case on (InvolvementActions) get a column to end or reallocate a current one.
import type { ComponentChildren } from 'preact';
import { InvolvementActions, mayEnd } from './InvolvementActions';
import { formatDate } from './format';
import type { Involvement, Principal } from './types';

/** What the child's page passes so that those who may can hand a case on. */
export interface InvolvementChanges {
  childId: number;
  user: Principal;
  onChanged: (message: string) => void;
}

function Row({ i, shielded, actions }: { i: Involvement; shielded: boolean; actions?: ComponentChildren }) {
  if (i.masked) {
    return (
      <tr class="masked">
        <td colSpan={4}>
          <strong>{shielded ? 'An agency is involved (details hidden)' : 'A sensitive service is involved'}</strong>, contact through {i.team_name || 'the team'}{' '}
          {i.contact_phone && <a href={`tel:${i.contact_phone.replace(/\s+/g, '')}`}>{i.contact_phone}</a>}
        </td>
        <td class="nowrap">{formatDate(i.started_on)}</td>
        {actions !== undefined && <td />}
      </tr>
    );
  }
  return (
    <tr>
      <td>
        {i.agency_name}
        <br />
        <span class="muted">{i.team_name}</span>
      </td>
      <td>{i.practitioner_name || <span class="muted">Team, no named practitioner</span>}</td>
      <td>
        {i.role || i.service}
        {i.role && i.service && <span class="muted"> ({i.service})</span>}
        {i.sensitive && <span class="tag"> Sensitive service, with consent</span>}
      </td>
      <td class="nowrap">
        {i.contact_phone ? <a href={`tel:${i.contact_phone.replace(/\s+/g, '')}`}>{i.contact_phone}</a> : '—'}
      </td>
      <td class="nowrap">
        {formatDate(i.started_on)}
        {i.ended_on ? ` to ${formatDate(i.ended_on)}` : ''}
      </td>
      {actions !== undefined && <td class="row-actions">{actions}</td>}
    </tr>
  );
}

export function Involvements({
  involvements,
  shielded = false,
  changes,
}: {
  involvements: Involvement[];
  shielded?: boolean;
  changes?: InvolvementChanges;
}) {
  const current = involvements.filter((i) => !i.ended_on);
  const past = involvements.filter((i) => i.ended_on);
  // A column for changes only when the user might make one (mayEnd covers every such user).
  const changeable = changes !== undefined && current.some((i) => mayEnd(changes.user, i));
  const table = (rows: Involvement[], caption: string, testid: string, withChanges = false) => (
    <div class="table-scroll">
      <table class="data" data-testid={testid}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Agency and team</th>
            <th scope="col">Practitioner</th>
            <th scope="col">Role</th>
            <th scope="col">Contact</th>
            <th scope="col">Since</th>
            {withChanges && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <Row
              key={i.id}
              i={i}
              shielded={shielded}
              actions={withChanges && changes ? <InvolvementActions childId={changes.childId} i={i} user={changes.user} onChanged={changes.onChanged} /> : undefined}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
  if (involvements.length === 0) return <p>No agency is recorded as working with this child.</p>;
  return (
    <>
      {current.length > 0 ? table(current, `${current.length} working with the child now`, 'involvements', changeable) : <p>No one is working with the child now.</p>}
      {past.length > 0 && (
        <details>
          <summary>{past.length} who worked with the child before</summary>
          {table(past, 'Past involvements', 'past-involvements')}
        </details>
      )}
    </>
  );
}
