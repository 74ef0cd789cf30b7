// Choosing one's own password after an administrator issued a temporary one. Until this
// succeeds the server refuses every other request of the session (403
// password_change_required), so the app shows nothing else but the way out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { changeOwnPassword } from './api';
import { Field, FormError } from './Field';
import { type FieldErrors, fieldErrorsFrom, NO_ERRORS, withoutField } from './fieldErrors';


export function ChangePasswordPage({ username, onChanged }: { username: string; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!current) fields.current_password = 'Enter the temporary password you were given.';
    if (next.length < 12) fields.new_password = 'At least 12 characters mixing cases, digits or symbols.';
    else if (next !== again) fields.again = 'The two new passwords differ.';
    setErrors({ fields, general: '' });
    if (Object.keys(fields).length) {
      document.getElementById(`pw-${Object.keys(fields)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await changeOwnPassword(current, next);
      onChanged();
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['current_password', 'new_password']));
    } finally {
      setBusy(false);
    }
  };

  const bind = (set: (v: string) => void, field: string) => (e: Event) => {
    set((e.target as HTMLInputElement).value);
    setErrors(withoutField(errors, field));
  };

  return (
    <div class="login">
      <h1 ref={heading} tabIndex={-1}>
        Choose your own password
      </h1>
      <p class="notice" role="status">
        {username}, you logged in with a temporary password. Choose your own before carrying on.
      </p>
      <form class="card" onSubmit={submit} noValidate>
        <FormError message={errors.general} />
        <Field id="pw-current_password" label="Temporary password" error={errors.fields.current_password}>
          {(p) => <input {...p} type="password" autocomplete="current-password" value={current} onInput={bind(setCurrent, 'current_password')} />}
        </Field>
        <Field id="pw-new_password" label="New password" hint="At least 12 characters mixing cases, digits or symbols" error={errors.fields.new_password}>
          {(p) => <input {...p} type="password" autocomplete="new-password" value={next} onInput={bind(setNext, 'new_password')} />}
        </Field>
        <Field id="pw-again" label="New password again" error={errors.fields.again}>
          {(p) => <input {...p} type="password" autocomplete="new-password" value={again} onInput={bind(setAgain, 'again')} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save my password'}
        </button>
      </form>
    </div>
  );
}
