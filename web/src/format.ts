// Words and dates as practitioners read them (British English, "12 Mar 2024").
import type { AccessBasis, Person, RelationshipKind, Significance } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-12" -> "12 Mar 2024"; anything else is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2024-03-12T09:00:00Z" -> "12 Mar 2024 09:00" (UTC as the server gives it). */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${formatDate(m[1])} ${m[2]}` : iso;
}

/** Whole years between a birth date and today (or another ISO date). */
export function ageInYears(dateOfBirth: string | null, today: string = todayIso()): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age < 0 ? null : age;
}

export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function fullName(p: Pick<Person, 'first_name' | 'middle_names' | 'surname'>): string {
  return [p.first_name, p.middle_names, p.surname].filter((s) => s && s.trim()).join(' ') || 'Name withheld';
}

export function describeAge(p: Person): string {
  if (p.kind === 'unborn_child') return p.expected_birth_date ? `unborn, due ${formatDate(p.expected_birth_date)}` : 'unborn';
  const age = ageInYears(p.date_of_birth);
  if (age === null) return '';
  return age === 0 ? 'under 1' : `${age}`;
}

export function sexLabel(sex: string): string {
  return sex === 'M' ? 'Male' : sex === 'F' ? 'Female' : 'Not known';
}

export const SIGNIFICANCE_LABEL: Record<Significance, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const RELATIONSHIP_LABEL: Record<RelationshipKind, string> = {
  parent: 'Parent',
  child: 'Child',
  sibling: 'Sibling',
  half_sibling: 'Half-sibling',
  partner_of_parent: "Parent's partner",
  grandparent: 'Grandparent',
  carer: 'Carer',
  adult_posing_risk: 'Adult posing a risk',
  other: 'Other',
};

export const ACCESS_BASIS_LABEL: Record<AccessBasis, string> = {
  own_involvement: 'you work with this child',
  team_involvement: 'your team works with this child',
  agency_involvement: 'your agency works with this child',
  all_scope: 'your role covers all children',
};

export const SHIELDING_LABEL: Record<string, string> = {
  refuge: 'in a refuge',
  marac: 'subject of a MARAC (domestic abuse risk conference)',
  other: 'shielded',
};

/** "police_incident" -> "Police incident". */
export function humanise(code: string): string {
  const s = code.replace(/_/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

const EVENT_KIND_LABEL: Record<string, string> = {
  gp_registration: 'GP registration',
  ae_attendance: 'A&E attendance',
  unscheduled_care_attendance: 'Unscheduled care attendance',
  missed_health_appointment: 'Missed health appointment',
  police_incident: 'Police incident',
  school_attendance: 'School attendance',
  school_exclusion: 'School exclusion',
  housing_move: 'Housing move',
};

/** What an event is, in words: known kinds by name, others from their code. */
export function eventKindLabel(kind: string): string {
  return EVENT_KIND_LABEL[kind] ?? humanise(kind);
}
