// The hub's actions on a queued contact: ask agencies to check their own records, rate it red,
// amber or green (managers and safeguarding leads; the rating starts its clock), and decide
// it. Each is folded away until opened and says what it did in the page's status line.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { decideContact, rateContact, requestChecks } from './api';
import { FormError } from './Field';
import { fieldErrorsFrom, type FieldErrors } from './fieldErrors';
import { RagBadge } from './mashShared';
import { RAG_HOURS, RAG_LABEL } from './rag';
import type { Agency, QueuedContact, RagRating } from './types';
import { useFormAction } from './useFormAction';

export const RATINGS: RagRating[] = ['red', 'amber', 'green'];
const COMMON_DECISIONS = [
  "Referral to children's social care",
  'Strategy discussion (section 47)',
  'Early help',
  'Signpost to universal services',
  'No further action',
];

/** Tells the queue what changed (for its status line) and which contact to focus after reloading. */
export type OnContactChanged = (message: string, focusContact?: number) => void;

/** After a step succeeds, fold its form away (focus moves to the contact's heading). */
function foldAway(form: HTMLElement | null): void {
  form?.closest('details')?.removeAttribute('open');
}

/** `agencies`: those not yet asked about this contact. */
export function RequestChecks({ contact, agencies, onChanged }: { contact: QueuedContact; agencies: Agency[]; onChanged: OnContactChanged }) {
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const action = useFormAction();
  const base = `checks-${contact.id}`;
  if (agencies.length === 0) return null;

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLElement | null;
    if (chosen.size === 0) {
      action.setErrors({ fields: { agency_ids: 'Tick at least one agency.' }, general: '' });
      return;
    }
    await action.run(async () => {
      const r = await requestChecks(contact.id, [...chosen]);
      setChosen(new Set());
      foldAway(form);
      onChanged(`${r.check_ids.length} ${r.check_ids.length === 1 ? 'agency' : 'agencies'} asked to check their records for contact ${contact.id}.`, contact.id);
    }, (err) => fieldErrorsFrom(err, ['agency_ids']));
  };
  return (
    <ChoiceForm
      summary="Ask agencies to check their records"
      legend={`Agencies to ask (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={action.errors}
      field="agency_ids"
      onSubmit={submit}
      submit={action.busy ? 'Sending…' : 'Send the requests'}
      busy={action.busy}
    >
      {agencies.map((a) => (
        <label class="check" key={a.id}>
          <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />
          {a.name}
        </label>
      ))}
    </ChoiceForm>
  );
}

export function RateContact({ contact, onChanged }: { contact: QueuedContact; onChanged: OnContactChanged }) {
  const [rating, setRating] = useState<RagRating | ''>(contact.rating ?? '');
  const action = useFormAction();
  const base = `rate-${contact.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLElement | null;
    if (!rating) {
      action.setErrors({ fields: { rating: 'Choose red, amber or green.' }, general: '' });
      return;
    }
    await action.run(async () => {
      await rateContact(contact.id, rating);
      foldAway(form);
      onChanged(`Contact ${contact.id} rated ${RAG_LABEL[rating]}; its clock has started.`, contact.id);
    }, (err) => fieldErrorsFrom(err, ['rating']));
  };
  return (
    <ChoiceForm
      summary={contact.rating ? 'Change the RAG rating' : 'Rate red, amber or green'}
      legend={`RAG rating (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={action.errors}
      field="rating"
      onSubmit={submit}
      submit={action.busy ? 'Rating…' : 'Rate and start the clock'}
      busy={action.busy}
    >
      {RATINGS.map((r) => (
        <label class="radio" key={r}>
          <input type="radio" name={base} value={r} checked={rating === r} onChange={() => setRating(r)} />
          <RagBadge rating={r} />: decide within {RAG_HOURS[r]} working hours
        </label>
      ))}
    </ChoiceForm>
  );
}

export function DecideContact({ contact, onChanged }: { contact: QueuedContact; onChanged: OnContactChanged }) {
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const action = useFormAction();
  const base = `decide-${contact.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const decision = choice === 'other' ? other.trim() : choice;
    if (!decision) {
      action.setErrors({ fields: { decision: choice === 'other' ? 'Type the decision.' : 'Choose a decision.' }, general: '' });
      return;
    }
    await action.run(async () => {
      await decideContact(contact.id, decision);
      onChanged(`Contact ${contact.id} decided: ${decision}. It has left the queue.`);
      requestAnimationFrame(() => document.getElementById('queue-h')?.focus());
    }, (err) =>
      // "rate the contact before deciding it" names the rating: show it here, by the decision.
      fieldErrorsFrom(err, { decision: 'decision', rating: 'decision' }),
    );
  };
  return (
    <ChoiceForm
      summary="Decide"
      legend={`Decision (contact ${contact.id})`}
      errorId={`${base}-error`}
      errors={action.errors}
      field="decision"
      onSubmit={submit}
      submit={action.busy ? 'Recording…' : 'Record the decision'}
      busy={action.busy}
    >
      {!contact.rating && <p class="field-hint">Rate the contact first: a contact is decided against its clock.</p>}
      {COMMON_DECISIONS.map((d) => (
        <label class="radio" key={d}>
          <input type="radio" name={base} value={d} checked={choice === d} onChange={() => setChoice(d)} />
          {d}
        </label>
      ))}
      <label class="radio">
        <input type="radio" name={base} value="other" checked={choice === 'other'} onChange={() => setChoice('other')} />
        Another decision
      </label>
      {choice === 'other' && (
        <div class="field">
          <label for={`${base}-other`}>The decision</label>
          <textarea id={`${base}-other`} rows={2} maxLength={2000} value={other} onInput={(e) => setOther((e.target as HTMLTextAreaElement).value)} />
        </div>
      )}
    </ChoiceForm>
  );
}

/**
 * One action on a queued contact, folded away until opened: a choice in a fieldset (ticks or
 * radio buttons), its refusal beside it, and the button. The three actions differ only in
 * what is chosen.
 */
function ChoiceForm(props: {
  summary: string;
  legend: string;
  errorId: string;
  errors: FieldErrors;
  /** The field whose refusal shows under the choice. */
  field: string;
  onSubmit: (e: Event) => void;
  submit: string;
  busy: boolean;
  children: ComponentChildren;
}) {
  const error = props.errors.fields[props.field];
  return (
    <details>
      <summary>{props.summary}</summary>
      <form onSubmit={props.onSubmit} noValidate>
        <FormError message={props.errors.general} />
        <fieldset aria-describedby={error ? props.errorId : undefined}>
          <legend>{props.legend}</legend>
          {props.children}
          {error && (
            <p class="error" id={props.errorId}>
              {error}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
      </form>
    </details>
  );
}

// --- an agency's checks ----------------------------------------------------------------
