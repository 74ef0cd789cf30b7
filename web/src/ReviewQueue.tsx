// The child index's review queue in My work: pairs of records the linkage model could neither
// link nor tell apart, shown side by side with how each detail compared. A reviewer (a
// manager or safeguarding lead of children's social care or the MASH) records "same child"
// (the two are merged; undone through the API) or "different children", always with a
// reason. Shown only to reviewers: anyone else is refused by the server and sees nothing.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, decideLinkReview, linkReviews } from './api';
import { Field } from './Field';
import { fieldErrorsFrom, withoutField, type FieldErrors } from './fieldErrors';
import { formatDate, formatTimestamp } from './format';
import { comparisonRows, decisionMessage, evidenceText, percent, type DecisionResult, type LinkReview, type ReviewDecision } from './reviewQueue';

const noErrors: FieldErrors = { fields: {}, general: '' };

function ReviewCard({ review, onDecided }: { review: LinkReview; onDecided: (r: DecisionResult) => void }) {
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const id = `review-${review.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!decision) local.decision = 'Choose same child or different children.';
    if (!reason.trim()) local.reason = 'Give the reason for your decision.';
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: '' });
      return;
    }
    setBusy(true);
    try {
      onDecided(await decideLinkReview(review.id, decision as ReviewDecision, reason.trim()));
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['decision', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  const rows = comparisonRows(review);
  return (
    <article class="review-card" aria-labelledby={`${id}-h`} data-testid="link-review">
      <h3 id={`${id}-h`}>
        Possible match {review.id}: {percent(review.probability)} <span class="tag warn">needs review</span>
      </h3>
      <p class="muted">
        Raised {formatTimestamp(review.created_at)} by a record{review.source_reference ? ` (ref ${review.source_reference})` : ''}
        {review.agency_id ? ` from agency ${review.agency_id}` : ''}.
      </p>
      <div class="table-scroll">
        <table class="data">
          <caption>Arriving record (person {review.arriving.id}) beside the existing child (person {review.existing.id})</caption>
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">Arriving (person {review.arriving.id})</th>
              <th scope="col">Existing (person {review.existing.id})</th>
              <th scope="col">How they compare</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} class={r.weight !== null && r.weight < 0 ? 'disagrees' : undefined}>
                <th scope="row">{r.label}</th>
                <td>{r.label === 'Date of birth' && r.arriving ? formatDate(r.arriving) : r.arriving || '—'}</td>
                <td>{r.label === 'Date of birth' && r.existing ? formatDate(r.existing) : r.existing || '—'}</td>
                <td>{evidenceText(r)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Events</th>
              <td>{review.arriving.events}</td>
              <td>{review.existing.events}</td>
              <td>—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <form onSubmit={submit} noValidate class="review-form">
        {errors.general && (
          <p class="error" role="alert">
            {errors.general}
          </p>
        )}
        <fieldset aria-describedby={errors.fields.decision ? `${id}-decision-error` : undefined}>
          <legend>Are these the same child?</legend>
          <label>
            <input
              type="radio"
              name={`${id}-decision`}
              value="match"
              checked={decision === 'match'}
              onChange={() => {
                setDecision('match');
                setErrors(withoutField(errors, 'decision'));
              }}
            />{' '}
            Same child: merge the arriving record into the existing child
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-decision`}
              value="not_match"
              checked={decision === 'not_match'}
              onChange={() => {
                setDecision('not_match');
                setErrors(withoutField(errors, 'decision'));
              }}
            />{' '}
            Different children: never link these two
          </label>
          {errors.fields.decision && (
            <p class="error" id={`${id}-decision-error`}>
              {errors.fields.decision}
            </p>
          )}
        </fieldset>
        <Field id={`${id}-reason`} label="Reason" hint="What your decision rests on; recorded with your name." error={errors.fields.reason}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={reason}
              onInput={(e) => {
                setReason((e.target as HTMLTextAreaElement).value);
                setErrors(withoutField(errors, 'reason'));
              }}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Record decision
        </button>
      </form>
    </article>
  );
}

export function ReviewQueue({ onMessage }: { onMessage: (m: string) => void }) {
  const [reviews, setReviews] = useState<LinkReview[] | null>(null);
  const [total, setTotal] = useState(0);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    linkReviews()
      .then((page) => {
        setReviews(page.reviews);
        setTotal(page.total_open);
      })
      .catch((e) => {
        // Only reviewers work the queue; for anyone else the section is not shown.
        if (e instanceof ApiError && e.status === 403) setHidden(true);
        else setError(String(e?.message ?? e));
      });
  }, []);

  if (hidden) return null;
  return (
    <section aria-labelledby="review-h" data-testid="review-queue">
      <h2 id="review-h">Review queue</h2>
      <p>Records the child index could not safely link or separate: decide whether each pair is one child.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {reviews && reviews.length === 0 && <p>No possible matches wait for review.</p>}
      {reviews && reviews.length > 0 && (
        <p>
          {total} open; showing {reviews.length}.
        </p>
      )}
      {(reviews ?? []).map((r) => (
        <ReviewCard
          key={r.id}
          review={r}
          onDecided={(result) => {
            setReviews((reviews ?? []).filter((x) => x.id !== r.id));
            setTotal((t) => Math.max(0, t - 1));
            onMessage(decisionMessage(result));
          }}
        />
      ))}
    </section>
  );
}
