// What every form that sends one request keeps: the refusals shown beside its fields, and
// whether its request is in flight (its buttons are disabled meanwhile, so a double click
// cannot send it twice). run() clears the refusals when the request succeeds and puts a
// refusal beside the fields it names when it fails.
import { useState } from 'preact/hooks';
import { type FieldErrors, NO_ERRORS } from './fieldErrors';

export interface FormAction {
  errors: FieldErrors;
  setErrors: (errors: FieldErrors) => void;
  busy: boolean;
  /** Sends with `send`; on a refusal shows `refusal(err)`. Never throws. */
  run: (send: () => Promise<void>, refusal: (err: unknown) => FieldErrors) => Promise<void>;
}

export function useFormAction(): FormAction {
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<void>, refusal: (err: unknown) => FieldErrors) => {
    setBusy(true);
    try {
      await send();
      setErrors(NO_ERRORS);
    } catch (err) {
      setErrors(refusal(err));
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, busy, run };
}
