// The child index's clerical review queue as the UI shows it: the two people side by side,
// one row per identifying detail with how the linkage model compared it.

export interface ReviewedPerson {
  id: number;
  first_name: string;
  middle_names: string;
  surname: string;
  date_of_birth: string | null;
  sex: string;
  nhs_number: string;
  upn: string;
  shielded: boolean;
  events: number;
}

export interface FieldEvidence {
  field: string;
  level: string;
  weight: number;
}

export interface LinkReview {
  id: number;
  probability: number;
  created_at: string;
  agency_id: number | null;
  source_reference: string;
  evidence: FieldEvidence[];
  arriving: ReviewedPerson;
  existing: ReviewedPerson;
}

export interface ReviewPage {
  reviews: LinkReview[];
  total_open: number;
  limit: number;
  offset: number;
}

export type ReviewDecision = 'match' | 'not_match';

export interface PersonMerge {
  id: number;
  merged_person_id: number;
  surviving_person_id: number;
  merged_at: string;
  undone_at: string | null;
}

export interface DecisionResult {
  id: number;
  status: ReviewDecision;
  merge: PersonMerge | null;
}

export interface ComparisonRow {
  label: string;
  arriving: string;
  existing: string;
  /** How the model compared this detail ("typo", "exact"), or "" when it did not. */
  level: string;
  /** Bits for (positive) or against (negative) the match; null when not compared. */
  weight: number | null;
}

// The model's field names (src/linkage/fields.cc) for each detail shown.
const rows: { label: string; field: string; value: (p: ReviewedPerson) => string }[] = [
  { label: 'First name', field: 'first_name', value: (p) => p.first_name },
  { label: 'Middle names', field: 'middle_name', value: (p) => p.middle_names },
  { label: 'Surname', field: 'surname', value: (p) => p.surname },
  { label: 'Date of birth', field: 'dob', value: (p) => p.date_of_birth ?? '' },
  { label: 'Sex', field: 'sex', value: (p) => p.sex },
  { label: 'NHS number', field: 'nhs_number', value: (p) => (p.shielded ? 'shielded' : p.nhs_number) },
  { label: 'UPN', field: 'upn', value: (p) => (p.shielded ? 'shielded' : p.upn) },
];

export function comparisonRows(review: LinkReview): ComparisonRow[] {
  const byField = new Map(review.evidence.map((e) => [e.field, e]));
  return rows.map((r) => {
    const e = byField.get(r.field);
    return {
      label: r.label,
      arriving: r.value(review.arriving),
      existing: r.value(review.existing),
      level: e?.level ?? '',
      weight: e ? e.weight : null,
    };
  });
}

/** "62.5%": the model's probability that the two are one child. */
export function percent(p: number): string {
  return `${(Math.round(p * 1000) / 10).toFixed(1)}%`;
}

/** "typo, +2.4 bits" / "else, -6.0 bits" / "not compared". */
export function evidenceText(row: ComparisonRow): string {
  if (row.weight === null) return 'not compared';
  const sign = row.weight >= 0 ? '+' : '−';
  return `${row.level.replace(/_/g, ' ')}, ${sign}${Math.abs(row.weight).toFixed(1)} bits`;
}

/** What the reviewer is told after deciding. */
export function decisionMessage(r: DecisionResult): string {
  if (r.status === 'not_match') return `Review ${r.id}: recorded as two different children; they will not be linked.`;
  if (r.merge) return `Review ${r.id}: person ${r.merge.merged_person_id} merged into person ${r.merge.surviving_person_id}.`;
  return `Review ${r.id}: recorded as the same child.`;
}

/** One side of a merge as a child's record names it. */
export interface MergedPerson {
  id: number;
  first_name: string;
  surname: string;
  date_of_birth: string | null;
}

/** A merge on a child's record: who was merged into whom, when, by whom and why (and its undoing). */
export interface MergeView {
  id: number;
  merged: MergedPerson;
  surviving: MergedPerson;
  link_review_id: number | null;
  merged_at: string;
  merged_by: string;
  reason: string;
  undone_at: string | null;
  undone_by: string | null;
  undo_reason: string | null;
}

export interface ChildMerges {
  merged_into: number | null;
  standing: MergeView[];
  undone: MergeView[];
  can_undo: boolean;
}

/** "Maisy Okonkwo-Hart (person 12, born 21 Jul 2019)": who a merge's records came from. */
export function mergedPersonLabel(p: MergedPerson, formatDate: (iso: string) => string): string {
  const born = p.date_of_birth ? `, born ${formatDate(p.date_of_birth)}` : '';
  return `${[p.first_name, p.surname].filter(Boolean).join(' ') || 'Unnamed'} (person ${p.id}${born})`;
}
