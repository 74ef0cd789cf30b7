// Client-side checks of the identifiers a user types, so a mistyped number is caught next
// to its field before a search is audited. The server checks again.

/** NHS number: 10 digits, modulus 11 check digit (weights 10..2; 11 -> 0; 10 invalid). Spaces allowed. */
export function nhsNumberProblem(text: string): string {
  const digits = text.replace(/\s+/g, '');
  if (!digits) return '';
  if (!/^\d{10}$/.test(digits)) return 'An NHS number has 10 digits.';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10 || check !== Number(digits[9])) return 'This is not a valid NHS number: check the digits.';
  return '';
}

/** UPN: 13 characters, a letter then 12 letters or digits. (The check letter is left to the server.) */
export function upnProblem(text: string): string {
  const upn = text.trim().toUpperCase();
  if (!upn) return '';
  if (!/^[A-Z][0-9A-Z]{12}$/.test(upn)) return 'A UPN has 13 characters and starts with a letter.';
  return '';
}
