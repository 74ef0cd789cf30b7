import { describe, expect, it } from 'vitest';
import { comparisonRows, decisionMessage, evidenceText, mergedPersonLabel, percent, type LinkReview } from './reviewQueue';

const person = (id: number, first: string) => ({
  id,
  first_name: first,
  middle_names: '',
  surname: 'Okonkwo-Hart',
  date_of_birth: '2019-07-21',
  sex: 'F',
  nhs_number: '9434765919',
  upn: '',
  shielded: false,
  events: 1,
});

const review: LinkReview = {
  id: 3,
  probability: 0.6251,
  created_at: '2024-06-01T10:00:00Z',
  agency_id: 2,
  source_reference: 'P-2',
  evidence: [
    { field: 'first_name', level: 'typo', weight: 2.44 },
    { field: 'dob', level: 'day_month_swap', weight: -1.5 },
  ],
  arriving: person(9, 'Maisy'),
  existing: { ...person(4, 'Maisie'), shielded: true },
};

describe('review queue', () => {
  it('puts each detail of both people beside how the model compared it', () => {
    const rows = comparisonRows(review);
    const first = rows.find((r) => r.label === 'First name')!;
    expect(first).toEqual({ label: 'First name', arriving: 'Maisy', existing: 'Maisie', level: 'typo', weight: 2.44 });
    expect(evidenceText(first)).toBe('typo, +2.4 bits');
    const dob = rows.find((r) => r.label === 'Date of birth')!;
    expect(evidenceText(dob)).toBe('day month swap, −1.5 bits');
    expect(evidenceText(rows.find((r) => r.label === 'Surname')!)).toBe('not compared');
  });

  it('never shows a shielded child’s hidden identifiers', () => {
    const nhs = comparisonRows(review).find((r) => r.label === 'NHS number')!;
    expect(nhs.arriving).toBe('9434765919');
    expect(nhs.existing).toBe('shielded');
  });

  it('formats the probability and the outcome', () => {
    expect(percent(review.probability)).toBe('62.5%');
    expect(decisionMessage({ id: 3, status: 'not_match', merge: null })).toMatch(/two different children/);
    expect(
      decisionMessage({
        id: 3,
        status: 'match',
        merge: { id: 1, merged_person_id: 9, surviving_person_id: 4, merged_at: '', undone_at: null },
      }),
    ).toBe('Review 3: person 9 merged into person 4.');
  });
});

describe('mergedPersonLabel', () => {
  it('names the person, their id and birth date', () => {
    const label = mergedPersonLabel({ id: 12, first_name: 'Maisy', surname: 'Okonkwo-Hart', date_of_birth: '2019-07-21' }, (d) => `on ${d}`);
    expect(label).toBe('Maisy Okonkwo-Hart (person 12, born on 2019-07-21)');
  });
  it('says unnamed and leaves the birth date out when not recorded', () => {
    expect(mergedPersonLabel({ id: 3, first_name: '', surname: '', date_of_birth: null }, (d) => d)).toBe('Unnamed (person 3)');
  });
});
