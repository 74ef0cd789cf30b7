// The dashboard's team comparison (managers with agency or all scope): one indicator across
// every team as horizontal bars, each value also written out, with the same as a table.
import { useEffect, useState } from 'preact/hooks';
import { indicatorsByTeam } from './api';
import { niceMax, scale, ticks } from './chart';
import { compareTeams } from './teamComparison';
import type { TeamComparison as Comparison } from './types';

const ROW = 26;
const LABEL_W = 170;
const BAR_W = 360;

export function TeamComparison({ from, to, applied }: { from: string; to: string; applied: number }) {
  const [data, setData] = useState<Comparison | null>(null);
  const [error, setError] = useState('');
  const [key, setKey] = useState('');
  useEffect(() => {
    indicatorsByTeam(from || undefined, to || undefined)
      .then((c) => {
        setData(c);
        setError('');
        const first = c.teams[0]?.indicators ?? [];
        if (!key && first.length) setKey(first.find((i) => i.percent !== null)?.key ?? first[0].key);
      })
      .catch((e) => setError(String((e as Error).message ?? e)));
  }, [applied]);

  if (error) {
    return (
      <p class="error" role="alert">
        Team comparison: {error}
      </p>
    );
  }
  if (!data || data.teams.length === 0) return null;
  const options = data.teams[0].indicators;
  const { percent, bars } = compareTeams(data, key);
  const top = percent ? 100 : niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const height = bars.length * ROW + 30;
  const name = options.find((i) => i.key === key)?.name ?? key;
  return (
    <section aria-labelledby="teams-h" data-testid="team-comparison">
      <h2 id="teams-h">Teams compared</h2>
      <div class="field">
        <label for="compare-of">Compare teams on</label>
        <select id="compare-of" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
          {options.map((i) => (
            <option key={i.key} value={i.key}>
              {i.name}
            </option>
          ))}
        </select>
      </div>
      <figure>
        <figcaption id="teams-cap">
          {name} by team ({percent ? 'percent' : 'count'})
        </figcaption>
        <svg class="chart" role="img" aria-labelledby="teams-cap" viewBox={`0 0 ${LABEL_W + BAR_W + 150} ${height}`} width={LABEL_W + BAR_W + 150}>
          {ticks(top).map((t) => (
            <g key={t}>
              <line class="grid" x1={LABEL_W + scale(t, top, BAR_W)} x2={LABEL_W + scale(t, top, BAR_W)} y1={0} y2={height - 20} />
              <text x={LABEL_W + scale(t, top, BAR_W)} y={height - 6} text-anchor="middle">
                {percent ? `${t}%` : t}
              </text>
            </g>
          ))}
          {bars.map((b, n) => (
            <g key={b.teamId}>
              <text x={LABEL_W - 6} y={n * ROW + 17} text-anchor="end">
                {b.teamName}
              </text>
              <rect class={b.hasData ? 'bar' : 'bar-muted'} x={LABEL_W} y={n * ROW + 4} width={Math.max(1, scale(b.value, top, BAR_W))} height={ROW - 8} />
              <text x={LABEL_W + scale(b.value, top, BAR_W) + 4} y={n * ROW + 17}>
                {b.text}
              </text>
            </g>
          ))}
        </svg>
      </figure>
      <details>
        <summary>The comparison as a table</summary>
        <table class="data" data-testid="team-comparison-table">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">{name}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.teamId}>
                <th scope="row">{b.teamName}</th>
                <td>{b.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
