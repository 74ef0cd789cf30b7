// The MASH hub's area-wide search, to find the child a new contact is about when nobody in
// the hub works with them yet. Hub staff only (the server refuses others); a reason is
// required and recorded with each child named; only name and date of birth come back.
import { useState } from 'preact/hooks';
import { searchArea } from './api';
import { Field, FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS, withoutField } from './fieldErrors';
import { formatDate } from './format';
import type { AreaChild } from './types';


export function AreaSearch({ onPick }: { onPick: (id: number) => void }) {
  const [name, setName] = useState('');
  const [dob, setDob] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [found, setFound] = useState<{ children: AreaChild[]; more: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (name.trim().length < 2) fields.name = 'Give at least two letters of the name.';
    if (!reason.trim()) fields.reason = 'Say why you are searching the whole area; it is recorded.';
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) {
      document.getElementById(`area-${Object.keys(fields)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      setFound(await searchArea(name.trim(), dob, reason.trim()));
    } catch (err) {
      setFound(null);
      setErrors(fieldErrorsFrom(err, ['name', 'date_of_birth', 'reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="area-search" onSubmit={submit} noValidate aria-label="Find the child across the area" data-testid="area-search">
      <h3>Find the child across the area</h3>
      <p class="field-hint">For a child nobody in the hub works with yet. Only the name and date of birth are shown; your reason is recorded against each child found.</p>
      <FormError message={errors.general} />
      <div class="field-row">
        <Field id="area-name" label="Child's name" error={errors.fields.name}>
          {(p) => <input {...p} autocomplete="off" value={name} onInput={(e) => { setName((e.target as HTMLInputElement).value); setErrors(withoutField(errors, 'name')); }} />}
        </Field>
        <Field id="area-date_of_birth" label="Date of birth (optional)" error={errors.fields.date_of_birth}>
          {(p) => <input {...p} type="date" value={dob} onInput={(e) => setDob((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <Field id="area-reason" label="Why you are searching the whole area" error={errors.fields.reason}>
        {(p) => <input {...p} autocomplete="off" maxLength={500} value={reason} onInput={(e) => { setReason((e.target as HTMLInputElement).value); setErrors(withoutField(errors, 'reason')); }} />}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'Searching…' : 'Search the area'}
      </button>
      {found && (
        <div role="status" data-testid="area-results">
          {found.children.length === 0 ? (
            <p>No child matches.</p>
          ) : (
            <ul class="plain">
              {found.children.map((c) => (
                <li key={c.id}>
                  {c.name}
                  {c.date_of_birth ? `, born ${formatDate(c.date_of_birth)}` : ''}{' '}
                  <button type="button" onClick={() => onPick(c.id)}>
                    Use {c.name} (child {c.id})
                  </button>
                </li>
              ))}
            </ul>
          )}
          {found.more && <p class="muted">More children match: add the date of birth to narrow the search.</p>}
        </div>
      )}
    </form>
  );
}
