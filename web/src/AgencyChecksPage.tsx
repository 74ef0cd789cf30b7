// An agency's checks for the MASH. The hub asks the agency what its own records show about a
// child; the agency's practitioners answer here. The answer stays inside the hub until they
// release it beyond the hub, and released checks leave the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { answerCheck, myAgencyChecks, releaseCheck } from './api';
import { Field, FormError } from './Field';
import { fieldErrorsFrom, withoutField } from './fieldErrors';
import { formatTimestamp } from './format';
import { CHECK_STATUS_LABEL, isRefusal } from './mashShared';
import type { AgencyCheck } from './types';
import { useFormAction } from './useFormAction';

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
  const action = useFormAction();
  const { errors, setErrors, busy } = action;
  const id = `findings-${check.id}`;

  const answer = async (e: Event) => {
    e.preventDefault();
    if (!findings.trim()) {
      setErrors({ fields: { findings: 'Record what your records show, or that they show nothing.' }, general: '' });
      document.getElementById(id)?.focus();
      return;
    }
    await action.run(async () => {
      await answerCheck(check.id, findings.trim());
      onChanged(`Check ${check.id} answered. The answer is inside the hub only until you release it.`);
    }, (err) => fieldErrorsFrom(err, ['findings']));
  };
  const release = () =>
    action.run(async () => {
      await releaseCheck(check.id);
      onChanged(`Check ${check.id} released beyond the hub.`);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    }, (err) => fieldErrorsFrom(err, ['findings']));

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
