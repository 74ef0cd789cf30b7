// The MASH answers agencies released beyond the hub about this child, newest release first:
// which agency, when it answered and when and by whom it was released, and the answer.
// Answers still inside the hub are never sent to this page.
import { formatTimestamp } from './format';
import type { ReleasedMashCheck } from './types';

export function ReleasedMashChecks({ checks }: { checks: ReleasedMashCheck[] }) {
  if (checks.length === 0) return <p>No agency has released a MASH answer about this child.</p>;
  return (
    <div class="table-scroll">
      <table class="data" data-testid="mash-checks">
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Answered</th>
            <th scope="col">Released</th>
            <th scope="col">Their answer</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.id}>
              <td>
                {c.agency_name}
                <br />
                <span class="muted">MASH contact {c.contact_id}</span>
              </td>
              <td class="nowrap">{formatTimestamp(c.answered_at)}</td>
              <td>
                <span class="nowrap">{formatTimestamp(c.released_at)}</span>
                {c.released_by && (
                  <>
                    <br />
                    <span class="muted">by {c.released_by}</span>
                  </>
                )}
              </td>
              <td>{c.findings}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
