import { describe, expect, it } from 'vitest';
import { layoutFamily, relationsOf } from './familyLayout';
import type { ChildRecord, Person } from './types';

function person(id: number, first: string, kind: Person['kind'] = 'adult'): Person {
  return {
    id, kind, first_name: first, middle_names: '', surname: 'Test', sex: 'U', date_of_birth: '2000-01-01',
    expected_birth_date: null, date_of_death: null, mother_id: null, nhs_number: '', upn: '', ethnicity: '', shielding: 'none',
  };
}

const child = person(10, 'Amy', 'child');
const mum = person(1, 'Beth');
const dad = person(2, 'Carl');
const sib = person(11, 'Dan', 'child');
const risk = person(3, 'Ed');

const record: ChildRecord = {
  person: child,
  access_basis: 'team_involvement',
  shielded_view: false,
  shield_overridden: false,
  involvements: [],
  households: [
    { id: 1, address: '1 Old Road', postcode: 'AB1 1AA', from: '2019-01-01', to: '2022-01-01', members: [
      { person: child, from: '2019-01-01', to: '2022-01-01' }, { person: dad, from: '2019-01-01', to: null }] },
    { id: 2, address: '2 New Road', postcode: 'AB2 2BB', from: '2022-01-01', to: null, members: [
      { person: sib, from: '2022-01-01', to: null }, { person: mum, from: '2022-01-01', to: null }, { person: child, from: '2022-01-01', to: null }] },
  ],
  relationships: [
    { person_id: 1, other_id: 10, kind: 'parent', from: '2015-01-01', to: null, other: mum },
    { person_id: 2, other_id: 10, kind: 'parent', from: '2015-01-01', to: null, other: dad },
    { person_id: 10, other_id: 11, kind: 'sibling', from: '2015-01-01', to: null, other: sib },
    { person_id: 3, other_id: 10, kind: 'adult_posing_risk', from: '2020-01-01', to: null, other: risk },
  ],
};

describe('family layout', () => {
  it('names each relative by their relation to the child', () => {
    const r = relationsOf(record);
    expect(r.get(1)?.label).toBe('Parent');
    expect(r.get(11)?.label).toBe('Sibling');
    expect(r.get(3)?.risk).toBe(true);
  });

  it('puts the current household first with the child first, each person once', () => {
    const l = layoutFamily(record, 2000);
    expect(l.boxes.map((b) => b.title)).toEqual(['Current household', 'Past household', 'Family living elsewhere']);
    expect(l.boxes[0].members.map((m) => m.person.first_name)).toEqual(['Amy', 'Beth', 'Dan']);
    expect(l.boxes[1].members.map((m) => m.person.first_name)).toEqual(['Carl']);
    expect(l.boxes[2].members.map((m) => m.person.first_name)).toEqual(['Ed']);
    expect(l.nodes).toHaveLength(5);
    expect(l.edges).toHaveLength(4);
    expect(l.edges.find((e) => e.to.person.id === 3)?.risk).toBe(true);
  });

  it('wraps boxes to the width', () => {
    const wide = layoutFamily(record, 2000);
    const narrow = layoutFamily(record, 300);
    expect(new Set(wide.boxes.map((b) => b.y)).size).toBe(1);
    expect(narrow.boxes.every((b) => b.x === 0)).toBe(true);
    expect(narrow.width).toBeLessThanOrEqual(300);
  });
});
