import { describe, expect, it } from 'vitest';
import { compareTeams } from './teamComparison';
import type { TeamComparison } from './types';

const comparison: TeamComparison = {
  from: '2025-04-01',
  to: '2026-03-31',
  teams: [
    {
      team_id: 1,
      team_name: 'North',
      indicators: [
        { key: 'referrals', name: 'Referrals', numerator: 40, denominator: 0, percent: null },
        { key: 'assessments_on_time', name: 'On time', numerator: 9, denominator: 10, percent: 90 },
      ],
    },
    {
      team_id: 2,
      team_name: 'South',
      indicators: [
        { key: 'referrals', name: 'Referrals', numerator: 55, denominator: 0, percent: null },
        { key: 'assessments_on_time', name: 'On time', numerator: 0, denominator: 0, percent: null },
      ],
    },
    {
      team_id: 3,
      team_name: 'East',
      indicators: [
        { key: 'referrals', name: 'Referrals', numerator: 12, denominator: 0, percent: null },
        { key: 'assessments_on_time', name: 'On time', numerator: 3, denominator: 4, percent: 75 },
      ],
    },
  ],
};

describe('compareTeams', () => {
  it('charts a count by its numerator, highest first', () => {
    const r = compareTeams(comparison, 'referrals');
    expect(r.percent).toBe(false);
    expect(r.bars.map((b) => [b.teamName, b.value, b.text])).toEqual([
      ['South', 55, '55'],
      ['North', 40, '40'],
      ['East', 12, '12'],
    ]);
  });

  it('charts a rate by its percentage and says when a team has nothing to measure', () => {
    const r = compareTeams(comparison, 'assessments_on_time');
    expect(r.percent).toBe(true);
    expect(r.bars.map((b) => b.teamName)).toEqual(['North', 'East', 'South']);
    expect(r.bars[0].text).toBe('90.0% (9 of 10)');
    expect(r.bars[2]).toMatchObject({ hasData: false, value: 0, text: 'none in the period' });
  });

  it('names a team without the indicator rather than drawing zero silently', () => {
    const r = compareTeams({ ...comparison, teams: [{ team_id: 9, team_name: 'West', indicators: [] }] }, 'referrals');
    expect(r.bars[0]).toMatchObject({ teamName: 'West', hasData: false, text: 'not measured' });
  });
});
