// Turns an API refusal into messages next to the fields it names. The server answers
// {"error": {"code", "message", "field", "violations": [{field, message}]}}; a violation or
// a field this form shows goes beside that field, anything else above the form.
export interface FieldErrors {
  fields: Record<string, string>;
  general: string;
}

/** A form with nothing refused. */
export const NO_ERRORS: FieldErrors = { fields: {}, general: '' };

interface ErrorLike {
  message?: string;
  field?: string;
  violations?: { field: string; message: string }[];
}

/** `known` maps the API's field names to this form's (identity when omitted). */
export function fieldErrorsFrom(err: unknown, known: Record<string, string> | string[]): FieldErrors {
  const map: Record<string, string> = Array.isArray(known) ? Object.fromEntries(known.map((k) => [k, k])) : known;
  const e = (err ?? {}) as ErrorLike;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const add = (field: string, message: string) => {
    const mine = map[field];
    if (mine) fields[mine] = fields[mine] ? `${fields[mine]}; ${message}` : message;
    else rest.push(field ? `${field}: ${message}` : message);
  };
  if (e.violations && e.violations.length > 0) {
    for (const v of e.violations) add(v.field, v.message);
  } else if (e.field && map[e.field]) {
    add(e.field, e.message ?? 'refused');
  } else {
    rest.push(e.message ?? String(err));
  }
  return { fields, general: rest.join('; ') };
}

/** The errors without the one for `field` (the user has changed it since). */
export function withoutField(errors: FieldErrors, field: string): FieldErrors {
  if (!(field in errors.fields)) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { fields, general: errors.general };
}
