// "Records merged into this child" on a child's page: every person a reviewer merged into
// this child (chains included), when, by whom and why, and the merges since undone. The
// list is read like the record (the server audits it). Reviewers (the server says so in
// can_undo) may undo a merge, always with a reason; the undo is exactly that one merge.
import { useState } from 'preact/hooks';
import { unmergePerson } from './api';
import { Field } from './Field';
import { fieldErrorsFrom, type FieldErrors } from './fieldErrors';
import { formatDate, formatTimestamp } from './format';
import { mergedPersonLabel, type ChildMerges, type MergeView } from './reviewQueue';

const noErrors: FieldErrors = { fields: {}, general: '' };

function UndoMerge({ merge, onUndone }: { merge: MergeView; onUndone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const id = `unmerge-${merge.id}`;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Undo merge of person ${merge.merged.id}`}>
        Undo merge
      </button>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ fields: { reason: 'Give the reason for undoing the merge.' }, general: '' });
      return;
    }
    setBusy(true);
    try {
      const undone = await unmergePerson(merge.merged.id, reason.trim());
      onUndone(`Person ${undone.merged_person_id} is no longer merged into person ${undone.surviving_person_id}.`);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="unmerge-form" aria-label={`Undo merge of person ${merge.merged.id}`}>
      {errors.general && (
        <p class="error" role="alert">
          {errors.general}
        </p>
      )}
      <Field
        id={`${id}-reason`}
        label="Reason for undoing the merge"
        hint="Why these are different children; recorded with your name."
        error={errors.fields.reason}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={reason}
            autoFocus
            onInput={(e) => {
              setReason((e.target as HTMLTextAreaElement).value);
              setErrors(noErrors);
            }}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        Undo merge of person {merge.merged.id}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

export function ChildMergesSection({
  childId,
  merges,
  onUndone,
}: {
  childId: number;
  merges: ChildMerges;
  onUndone: (message: string) => void;
}) {
  const { standing, undone } = merges;
  return (
    <div data-testid="child-merges">
      {standing.length === 0 ? (
        <p>No records are merged into this child.</p>
      ) : (
        <ul class="merge-list">
          {standing.map((m) => (
            <li key={m.id} data-testid="merged-record">
              <p>
                <strong>
                  <a href={`/children/${m.merged.id}`}>{mergedPersonLabel(m.merged, formatDate)}</a>
                </strong>
                {m.surviving.id !== childId && <> (through person {m.surviving.id})</>}: merged{' '}
                {formatTimestamp(m.merged_at)} by {m.merged_by || 'an unknown user'}
                {m.link_review_id ? ` on review ${m.link_review_id}` : ''}. Reason: {m.reason}
              </p>
              {merges.can_undo && <UndoMerge merge={m} onUndone={onUndone} />}
            </li>
          ))}
        </ul>
      )}
      {undone.length > 0 && (
        <details>
          <summary>Merges undone ({undone.length})</summary>
          <ul>
            {undone.map((m) => (
              <li key={m.id}>
                {mergedPersonLabel(m.merged, formatDate)} into person {m.surviving.id}: merged {formatTimestamp(m.merged_at)} by{' '}
                {m.merged_by} ({m.reason}); undone {m.undone_at ? formatTimestamp(m.undone_at) : ''} by {m.undone_by} ({m.undo_reason})
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
