// Asks why the user is opening a record when the server says a reason is needed (403 with
// error.field "reason"). A native modal <dialog>: focus moves into it, Escape cancels, and
// focus returns to where it was. Common reasons are one choice away, so no typing is
// needed; "Other" asks for the words.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReasonRequest } from './api';
import { ACCESS_BASIS_LABEL } from './format';
import type { AccessBasis } from './types';

export const COMMON_REASONS = [
  'Responding to a safeguarding concern about this child',
  'Multi-agency enquiry (MASH or strategy discussion)',
  'Preparing for a meeting or conference about this child',
  'Supervision or case audit',
];

interface Props {
  request: ReasonRequest;
  onDone: (reason: string | null) => void;
}

export function ReasonPrompt({ request, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<string>('');
  const [other, setOther] = useState('');
  const [error, setError] = useState('');
  const override = request.key.startsWith('override:');

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    const reason = choice === 'other' ? other.trim() : choice;
    if (!reason) {
      setError(choice === 'other' ? 'Type the reason, or choose one above.' : 'Choose a reason.');
      return;
    }
    onDone(reason);
  };

  return (
    <dialog
      ref={dialog}
      class="reason-prompt"
      aria-labelledby="reason-title"
      aria-describedby="reason-why"
      onCancel={(e) => {
        e.preventDefault();
        onDone(null);
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="reason-title">{override ? 'Why do you need to see the hidden details?' : 'Why are you opening this record?'}</h2>
        <p id="reason-why">
          {why(request)} Your reason is recorded in the audit trail with your name
          {override ? ', and overriding shielding opens a review by an auditor' : ''}.
        </p>
        <fieldset>
          <legend>Reason</legend>
          {COMMON_REASONS.map((r) => (
            <label class="radio" key={r}>
              <input type="radio" name="reason" value={r} checked={choice === r} onChange={() => setChoice(r)} />
              {r}
            </label>
          ))}
          <label class="radio">
            <input type="radio" name="reason" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} />
            Another reason
          </label>
          {choice === 'other' && (
            <div class="field">
              <label for="reason-other">Your reason</label>
              <textarea
                id="reason-other"
                maxLength={500}
                rows={3}
                value={other}
                onInput={(e) => setOther((e.target as HTMLTextAreaElement).value)}
                aria-describedby={error ? 'reason-error' : undefined}
              />
            </div>
          )}
        </fieldset>
        {error && (
          <p id="reason-error" class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {override ? 'Override and open' : 'Open the record'}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** "state a reason to open child 7 (access via agency_involvement)" -> words for the user. */
function why(request: ReasonRequest): string {
  const basis = /access via (\w+)/.exec(request.message)?.[1] as AccessBasis | undefined;
  if (basis && ACCESS_BASIS_LABEL[basis]) {
    return `You may open it because ${ACCESS_BASIS_LABEL[basis]}, not because you or your team work with the child, so a reason is needed.`;
  }
  return `The server says: ${request.message}.`;
}
