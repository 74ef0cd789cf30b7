// What was shared about the child, with whom, why and on what basis (newest first).
import { agencyName } from './Chronology';
import { formatTimestamp, humanise } from './format';
import type { Agency, SharingDecision } from './types';

export function SharingDecisions({ decisions, agencies }: { decisions: SharingDecision[]; agencies: Map<number, Agency> }) {
  if (decisions.length === 0) return <p>No decision to share or not to share has been recorded.</p>;
  return (
    <div class="table-scroll">
      <table class="data" data-testid="sharing-decisions">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Decision</th>
            <th scope="col">What and why</th>
            <th scope="col">Basis</th>
            <th scope="col">Parents told</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id}>
              <td class="nowrap">{formatTimestamp(d.decided_at)}</td>
              <td>{agencyName(agencies, d.from_agency_id)}</td>
              <td>{agencyName(agencies, d.to_agency_id)}</td>
              <td>{d.outcome === 'shared' ? 'Shared' : 'Not shared'}</td>
              <td>
                {d.information}
                <br />
                <span class="muted">{d.purpose}</span>
              </td>
              <td>{humanise(d.basis)}</td>
              <td>
                {humanise(d.parents_informed)}
                {d.parents_informed_note ? `: ${d.parents_informed_note}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
