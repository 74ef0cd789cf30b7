// One indicator across teams, for the dashboard's team comparison: each team's value (its
// percentage when the indicator is a rate, else its count) and the words read out with it.
// Pure, so it is tested without a browser.
import type { TeamComparison } from './types';

export interface TeamBar {
  teamId: number;
  teamName: string;
  value: number; // what the bar is drawn by
  text: string; // the value in words, never only the bar
  hasData: boolean; // false: a rate with nothing to measure in the period
}

export function compareTeams(c: TeamComparison, key: string): { percent: boolean; bars: TeamBar[] } {
  const values = c.teams.map((t) => ({ t, i: t.indicators.find((i) => i.key === key) }));
  const percent = values.some(({ i }) => i !== undefined && (i.percent !== null || i.denominator > 0));
  const bars = values.map(({ t, i }) => {
    if (!i) return { teamId: t.team_id, teamName: t.team_name, value: 0, text: 'not measured', hasData: false };
    if (percent) {
      const has = i.percent !== null && i.denominator > 0;
      return {
        teamId: t.team_id,
        teamName: t.team_name,
        value: has ? (i.percent as number) : 0,
        text: has ? `${(i.percent as number).toFixed(1)}% (${i.numerator} of ${i.denominator})` : 'none in the period',
        hasData: has,
      };
    }
    return { teamId: t.team_id, teamName: t.team_name, value: i.numerator, text: String(i.numerator), hasData: true };
  });
  // Highest first; teams with nothing to measure last, in name order.
  bars.sort((a, b) => Number(b.hasData) - Number(a.hasData) || b.value - a.value || a.teamName.localeCompare(b.teamName));
  return { percent, bars };
}
