// The misuse review queue: each override of a child's shielding opens an item; an auditor
// (or administrator) reads who overrode, why, and the child's access history, then closes
// it as justified or misuse with a note.
import { useEffect, useRef, useState } from 'preact/hooks';
import { misuseReviews, reviewMisuse } from './api';
import { Field, FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS, withoutField } from './fieldErrors';
import { formatTimestamp } from './format';
import type { MisuseReview, ReviewFinding } from './types';

export const FINDING_LABEL: Record<ReviewFinding, string> = {
  open: '… Open',
  justified: '✓ Justified',
  misuse: '✗ Misuse',
};

export function MisuseReviewsPage() {
  const [all, setAll] = useState(false);
  const [reviews, setReviews] = useState<MisuseReview[] | null>(null);
  const [error, setError] = useState('');
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (everything: boolean) => {
    try {
      setReviews(await misuseReviews(everything));
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    setReviews(null);
    void load(all);
  }, [all]);

  const decided = (message: string) => {
    setAnnounce(message);
    void load(all);
    requestAnimationFrame(() => heading.current?.focus());
  };

  const open = (reviews ?? []).filter((r) => r.finding === 'open').length;
  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Misuse reviews
      </h1>
      <p>
        Every override of a child's shielding is reviewed: was it justified by the reason given? Read the child's access
        history, then record a finding and what you found.
      </p>
      <p class="status-line" role="status" data-testid="review-status">
        {announce}
      </p>
      <label class="check">
        <input type="checkbox" checked={all} onChange={() => setAll(!all)} />
        Show closed reviews too
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!reviews && !error && <p role="status">Loading…</p>}
      {reviews && (
        <p data-testid="review-summary">
          {open === 0 ? 'No reviews are waiting.' : `${open} ${open === 1 ? 'review is' : 'reviews are'} waiting.`}
        </p>
      )}
      {reviews && reviews.length > 0 && (
        <ol class="contact-list" data-testid="misuse-reviews">
          {reviews.map((r) => (
            <li key={r.id}>
              <ReviewCard review={r} onDecided={decided} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ReviewCard({ review: r, onDecided }: { review: MisuseReview; onDecided: (message: string) => void }) {
  const [finding, setFinding] = useState<'justified' | 'misuse' | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const base = `review-${r.id}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!finding) fields.finding = 'Choose justified or misuse.';
    if (!note.trim()) fields.note = 'Record what the review found.';
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      await reviewMisuse(r.id, finding as 'justified' | 'misuse', note.trim());
      onDecided(`Review ${r.id} closed: ${finding}.`);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['finding', 'note']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class={`card review finding-${r.finding}`} aria-labelledby={`${base}-h`} data-testid={base}>
      <h2 id={`${base}-h`}>
        Review {r.id}: {r.username} overrode shielding of child {r.child_id}
      </h2>
      <dl class="facts">
        <div>
          <dt>When</dt>
          <dd>{formatTimestamp(r.opened_at)} UTC</dd>
        </div>
        <div>
          <dt>Finding</dt>
          <dd>{FINDING_LABEL[r.finding] ?? r.finding}</dd>
        </div>
      </dl>
      <p>
        <strong>Reason given:</strong> {r.reason || '—'}
      </p>
      <p>
        <a href={`/children/${r.child_id}/audit`}>Access history of child {r.child_id}</a>
      </p>
      {r.finding !== 'open' ? (
        <p>
          <strong>Reviewed</strong> {r.reviewed_at ? `${formatTimestamp(r.reviewed_at)} UTC` : ''}: {r.review_note}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError message={errors.general} />
          <fieldset aria-describedby={errors.fields.finding ? `${base}-finding-error` : undefined}>
            <legend>Finding (review {r.id})</legend>
            <label class="radio">
              <input type="radio" name={`${base}-finding`} checked={finding === 'justified'} onChange={() => { setFinding('justified'); setErrors(withoutField(errors, 'finding')); }} />
              ✓ Justified: the reason supports the override
            </label>
            <label class="radio">
              <input type="radio" name={`${base}-finding`} checked={finding === 'misuse'} onChange={() => { setFinding('misuse'); setErrors(withoutField(errors, 'finding')); }} />
              ✗ Misuse: refer under the misuse policy
            </label>
            {errors.fields.finding && (
              <p class="error" id={`${base}-finding-error`}>
                {errors.fields.finding}
              </p>
            )}
          </fieldset>
          <Field id={`${base}-note`} label="What the review found" error={errors.fields.note}>
            {(p) => <textarea {...p} rows={3} maxLength={2000} value={note} onInput={(e) => { setNote((e.target as HTMLTextAreaElement).value); setErrors(withoutField(errors, 'note')); }} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Closing…' : 'Close the review'}
          </button>
        </form>
      )}
    </article>
  );
}
