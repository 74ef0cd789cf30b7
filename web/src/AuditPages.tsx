// Auditors: the audit chain check, and a child's access history (who opened the record,
// when, on what basis, with what reason, and every refusal). Auditors never read the
// child's record itself; they reach a child by its id from an entry or a review.
import { useEffect, useRef, useState } from 'preact/hooks';
import { childAudit, verifyAudit } from './api';
import { navigate } from './router';
import { formatTimestamp, humanise } from './format';
import type { AuditEntry, AuditVerifyReport } from './types';

const OUTCOME_LABEL: Record<string, string> = { allowed: '✓ Allowed', denied: '✗ Refused', failed: '! Failed' };

export function AuditHome() {
  const [report, setReport] = useState<AuditVerifyReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [knownHead, setKnownHead] = useState('');
  const [headError, setHeadError] = useState('');
  const [childId, setChildId] = useState('');
  const [idError, setIdError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const verify = async (e: Event) => {
    e.preventDefault();
    const head = knownHead.trim().toLowerCase();
    if (head && !/^[0-9a-f]{64}$/.test(head)) {
      setHeadError('A hash from an earlier check is 64 characters, 0-9 and a-f. Leave it empty to check the chain only.');
      document.getElementById('audit-known-head')?.focus();
      return;
    }
    setHeadError('');
    setBusy(true);
    setError('');
    try {
      setReport(await verifyAudit(head));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const openChild = (e: Event) => {
    e.preventDefault();
    const id = Number(childId.trim());
    if (!Number.isInteger(id) || id < 1) {
      setIdError('A child id is a whole number, e.g. 42.');
      return;
    }
    setIdError('');
    navigate(`/children/${id}/audit`);
  };

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Audit
      </h1>
      <section class="card" aria-labelledby="verify-h">
        <h2 id="verify-h">Is the audit trail intact?</h2>
        <p>Checks every entry's hash and its link to the one before, from the first entry to the newest.</p>
        <form onSubmit={verify} noValidate>
          <div class="field">
            <label for="audit-known-head">Newest hash you kept from an earlier check (optional)</label>
            <p class="field-hint" id="audit-known-head-hint">
              Removing the newest entries leaves a chain that still links: only a hash kept outside Safehub shows it.
            </p>
            <input
              id="audit-known-head"
              class="hash-input"
              autocomplete="off"
              spellcheck={false}
              value={knownHead}
              onInput={(e) => setKnownHead((e.target as HTMLInputElement).value)}
              aria-invalid={headError ? true : undefined}
              aria-describedby={headError ? 'audit-known-head-hint audit-known-head-error' : 'audit-known-head-hint'}
            />
            {headError && (
              <p class="error" id="audit-known-head-error">
                {headError}
              </p>
            )}
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Check the audit chain'}
          </button>
        </form>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div aria-live="polite" data-testid="verify-result">
          {report &&
            (report.intact ? (
              <p class="ok-box">
                <strong>✓ Intact.</strong> {report.entries} entries, each linked to the one before. Newest hash:{' '}
                <code class="hash">{report.head_hash}</code> (keep a copy elsewhere: removal of the newest entries is
                detectable only against it).
                {report.known_head_sequence > 0 && (
                  <> The hash you kept is entry {report.known_head_sequence}: the trail still holds everything up to it.</>
                )}
              </p>
            ) : (
              <p class="refusal">
                <strong>✗ Broken</strong>
                {report.first_bad_sequence > 0 ? ` at entry ${report.first_bad_sequence}` : ''}: {report.problem}.{' '}
                {report.entries} entries checked.
              </p>
            ))}
        </div>
      </section>
      <section class="card" aria-labelledby="child-audit-h">
        <h2 id="child-audit-h">Access history of a child</h2>
        <form onSubmit={openChild} noValidate>
          <div class="field">
            <label for="audit-child-id">Child id</label>
            <input
              id="audit-child-id"
              inputMode="numeric"
              value={childId}
              onInput={(e) => setChildId((e.target as HTMLInputElement).value)}
              aria-invalid={idError ? true : undefined}
              aria-describedby={idError ? 'audit-child-id-error' : undefined}
            />
            {idError && (
              <p class="error" id="audit-child-id-error">
                {idError}
              </p>
            )}
          </div>
          <button type="submit">Show the access history</button>
        </form>
      </section>
    </div>
  );
}

export function ChildAuditPage({ id }: { id: number }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState('');
  const [onlyRefused, setOnlyRefused] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setEntries(null);
    setError('');
    childAudit(id)
      .then((e) => live && setEntries(e))
      .catch((e) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => heading.current?.focus(), [id]);

  const shown = (entries ?? []).filter((e) => !onlyRefused || e.outcome !== 'allowed');
  const refused = (entries ?? []).filter((e) => e.outcome !== 'allowed').length;
  const people = new Set((entries ?? []).map((e) => e.username)).size;

  return (
    <div>
      <p>
        <a href="/audit">← Audit</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        Access history of child {id}
      </h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p role="status">Loading…</p>}
      {entries && (
        <>
          <p data-testid="audit-summary">
            {entries.length} {entries.length === 1 ? 'entry' : 'entries'} (newest first) by {people}{' '}
            {people === 1 ? 'person' : 'people'}; {refused} refused or failed.
          </p>
          <label class="check">
            <input type="checkbox" checked={onlyRefused} onChange={() => setOnlyRefused(!onlyRefused)} />
            Only refusals and failures
          </label>
          <div class="table-scroll">
            <table class="data" data-testid="child-audit">
              <caption>Who read or changed this child's data</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Basis</th>
                  <th scope="col">Reason stated</th>
                  <th scope="col">Entry</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={e.sequence} class={e.outcome !== 'allowed' ? 'refused' : ''}>
                    <td class="nowrap">{formatTimestamp(e.at)}</td>
                    <td>
                      {e.username || '—'}
                      <br />
                      <span class="muted">{humanise(e.role)}</span>
                    </td>
                    <td>
                      {humanise(e.action)}
                      {e.detail && (
                        <>
                          <br />
                          <span class="muted">{e.detail}</span>
                        </>
                      )}
                    </td>
                    <td class="nowrap">{OUTCOME_LABEL[e.outcome] ?? e.outcome}</td>
                    <td>{e.basis ? humanise(e.basis) : '—'}</td>
                    <td>{e.reason || '—'}</td>
                    <td>{e.sequence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
