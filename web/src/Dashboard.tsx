// The managers' dashboard: the indicators for a period and team as bar charts drawn in SVG
// (each value also written out), the monthly trend of one indicator, and drill-down from an
// indicator to the children behind it, each linking to the child's page.
import { useEffect, useState } from 'preact/hooks';
import { indicators, indicatorTrends, listTeams } from './api';
import { indicatorValue, monthLabel, niceMax, scale, ticks } from './chart';
import { Field } from './Field';
import { fieldErrorsFrom, type FieldErrors } from './fieldErrors';
import { formatDate } from './format';
import { TeamComparison } from './TeamComparison';
import type { Indicator, IndicatorReport, Principal, Team, TrendSeries } from './types';

function valueText(i: { percent: number | null; numerator: number; denominator: number }): string {
  return i.percent === null ? `${i.numerator}` : `${i.percent.toFixed(1)}% (${i.numerator} of ${i.denominator})`;
}

const ROW = 26;
const LABEL_W = 16;
const BAR_W = 420;

function BarChart({ title, items, percent, onPick }: { title: string; items: Indicator[]; percent: boolean; onPick: (key: string) => void }) {
  const top = percent ? 100 : niceMax(Math.max(0, ...items.map((i) => indicatorValue(i).value)));
  const height = items.length * ROW * 2 + 30;
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <figure>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <svg class="chart" role="img" aria-labelledby={`${id}-cap`} viewBox={`0 0 ${LABEL_W + BAR_W + 80} ${height}`} width={LABEL_W + BAR_W + 80}>
        {ticks(top).map((t) => (
          <g key={t}>
            <line class="grid" x1={LABEL_W + scale(t, top, BAR_W)} x2={LABEL_W + scale(t, top, BAR_W)} y1={0} y2={height - 20} />
            <text x={LABEL_W + scale(t, top, BAR_W)} y={height - 6} text-anchor="middle">
              {percent ? `${t}%` : t}
            </text>
          </g>
        ))}
        {items.map((i, n) => {
          const y = n * ROW * 2;
          const v = indicatorValue(i).value;
          return (
            <g key={i.key} class="bar-group" onClick={() => onPick(i.key)}>
              <text x={LABEL_W} y={y + 13}>
                {i.name}
              </text>
              <rect class={i.denominator === 0 && percent ? 'bar-muted' : 'bar'} x={LABEL_W} y={y + 18} width={Math.max(1, scale(v, top, BAR_W))} height={ROW - 8} />
              <text x={LABEL_W + scale(v, top, BAR_W) + 4} y={y + 32}>
                {i.percent === null && percent ? 'none' : percent ? `${v.toFixed(1)}%` : v}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function TrendChart({ series }: { series: TrendSeries }) {
  const pts = series.points.slice(-24);
  const isPercent = pts.some((p) => p.percent !== null) && series.points.some((p) => p.denominator > 0);
  const val = (p: TrendSeries['points'][number]) => (isPercent ? (p.percent ?? 0) : p.numerator);
  const top = isPercent ? 100 : niceMax(Math.max(0, ...pts.map(val)));
  const W = 560;
  const H = 180;
  const left = 40;
  const step = pts.length > 0 ? (W - left) / pts.length : 0;
  return (
    <figure data-testid="trend">
      <figcaption id="trend-cap">
        Monthly trend: {series.name} ({isPercent ? 'percent' : 'count'}, {pts.length} months)
      </figcaption>
      <svg class="chart" role="img" aria-labelledby="trend-cap" viewBox={`0 0 ${W} ${H + 40}`} width={W}>
        {ticks(top).map((t) => (
          <g key={t}>
            <line class="grid" x1={left} x2={W} y1={H - scale(t, top, H - 10)} y2={H - scale(t, top, H - 10)} />
            <text x={left - 4} y={H - scale(t, top, H - 10) + 4} text-anchor="end">
              {isPercent ? `${t}%` : t}
            </text>
          </g>
        ))}
        <line class="axis" x1={left} x2={W} y1={H} y2={H} />
        {pts.map((p, n) => {
          const h = scale(val(p), top, H - 10);
          return (
            <g key={p.month}>
              <rect class={isPercent && p.denominator === 0 ? 'bar-muted' : 'bar'} x={left + n * step + 2} y={H - h} width={Math.max(2, step - 4)} height={Math.max(h, 0)} />
              {n % 3 === 0 && (
                <text x={left + n * step + step / 2} y={H + 16} text-anchor="middle">
                  {monthLabel(p.month).replace(' 20', " '")}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>The trend as a table</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {pts.map((p) => (
              <tr key={p.month}>
                <th scope="row">{monthLabel(p.month)}</th>
                <td>{p.denominator === 0 && isPercent ? 'none in the month' : valueText(isPercent ? p : { ...p, percent: null })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function DashboardPage({ user }: { user: Principal }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [team, setTeam] = useState(user.scope === 'team' && user.team_id ? String(user.team_id) : '');
  const [teams, setTeams] = useState<Team[]>([]);
  const [report, setReport] = useState<IndicatorReport | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({ fields: {}, general: '' });
  const [trends, setTrends] = useState<TrendSeries[]>([]);
  const [trendKey, setTrendKey] = useState('');
  const [drill, setDrill] = useState<Indicator | null>(null);
  const [drillError, setDrillError] = useState('');
  const [applied, setApplied] = useState(0);

  useEffect(() => {
    if (user.agency_id) listTeams(user.agency_id).then(setTeams).catch(() => undefined);
  }, []);
  useEffect(() => {
    setDrill(null);
    indicators({ from, to, team })
      .then((r) => {
        setReport(r);
        setErrors({ fields: {}, general: '' });
        if (!trendKey && r.indicators.length) setTrendKey(r.indicators.find((i) => i.percent !== null)?.key ?? r.indicators[0].key);
      })
      .catch((e) => setErrors(fieldErrorsFrom(e, ['from', 'to', 'team'])));
    indicatorTrends(team)
      .then(setTrends)
      .catch(() => setTrends([]));
  }, [applied]);

  const pick = async (key: string) => {
    setDrillError('');
    try {
      const r = await indicators({ from, to, team, children: true });
      const found = r.indicators.find((i) => i.key === key) ?? null;
      setDrill(found);
      setTimeout(() => document.getElementById('drill-h')?.focus(), 0);
    } catch (e) {
      setDrillError(String((e as Error).message ?? e));
    }
  };

  const list = report?.indicators ?? [];
  const percents = list.filter((i) => i.percent !== null || (i.denominator > 0 && i.numerator <= i.denominator && i.key !== 'caseload_per_worker'));
  const counts = list.filter((i) => !percents.includes(i));
  const series = trends.find((s) => s.key === trendKey);
  const visibleTeams = user.scope === 'team' ? teams.filter((t) => t.id === user.team_id) : teams;
  return (
    <div data-testid="dashboard">
      <h1 tabIndex={-1}>Dashboard</h1>
      <form
        class="dashboard-filters"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(applied + 1);
        }}
      >
        <Field id="dash-from" label="From" error={errors.fields.from}>
          {(p) => <input {...p} type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field id="dash-to" label="To" error={errors.fields.to}>
          {(p) => <input {...p} type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field id="dash-team" label="Team" error={errors.fields.team}>
          {(p) => (
            <select {...p} value={team} onChange={(e) => setTeam((e.target as HTMLSelectElement).value)}>
              {user.scope !== 'team' && <option value="">All teams</option>}
              {visibleTeams.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="field">
          <button type="submit">Show</button>
        </div>
      </form>
      {errors.general && (
        <p class="error" role="alert">
          {errors.general}
        </p>
      )}
      {report && (
        <>
          <p>
            {formatDate(report.from)} to {formatDate(report.to)}
            {report.team_id ? `, ${teams.find((t) => t.id === report.team_id)?.name ?? `team ${report.team_id}`}` : ', all teams'}.
          </p>
          <h2>Indicators</h2>
          <BarChart title="Indicators measured as a percentage" items={percents} percent onPick={pick} />
          <BarChart title="Indicators counted" items={counts} percent={false} onPick={pick} />
          <table class="data" data-testid="indicators">
            <caption>The indicators as a table: choose one to see the children behind it</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Value</th>
                <th scope="col">Children</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.key}>
                  <th scope="row">{i.name}</th>
                  <td>
                    {i.percent === null && i.denominator === 0 && i.numerator === 0 ? 'none' : valueText(i)}
                    {i.breakdown.length > 0 && (
                      <span class="muted"> ({i.breakdown.map((b) => `${b.label}: ${b.numerator}${b.denominator ? ` of ${b.denominator}` : ''}`).join(', ')})</span>
                    )}
                  </td>
                  <td>
                    <button type="button" onClick={() => pick(i.key)} aria-label={`Children behind: ${i.name}`}>
                      Children
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {drillError && (
        <p class="error" role="alert">
          {drillError}
        </p>
      )}
      {drill && (
        <section aria-labelledby="drill-h" data-testid="drill-down">
          <h2 id="drill-h" tabIndex={-1}>
            Children behind: {drill.name}
          </h2>
          {drill.children.length === 0 ? (
            <p>No children are counted in this indicator for the period.</p>
          ) : (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">Child</th>
                  <th scope="col">Record</th>
                  <th scope="col">Date</th>
                  <th scope="col">Counted</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {drill.children.map((c, n) => (
                  <tr key={`${c.child}-${c.record}-${n}`}>
                    <th scope="row">
                      {c.can_open === false || c.child_id === null ? (
                        <span>
                          Child {c.child} <span class="muted">(not open to you now: no current involvement in your scope)</span>
                        </span>
                      ) : (
                        <>
                          <a href={`/children/${c.child_id}`}>Child {c.child}</a>
                          {c.reason_required ? <span class="muted"> (you will be asked for a reason)</span> : null}
                        </>
                      )}
                    </th>
                    <td>{c.record}</td>
                    <td>{formatDate(c.date)}</td>
                    <td>{c.counted ? 'Yes' : 'No'}</td>
                    <td>{c.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {(user.scope === 'agency' || user.scope === 'all') && <TeamComparison from={from} to={to} applied={applied} />}
      {trends.length > 0 && (
        <section aria-labelledby="trend-h">
          <h2 id="trend-h">Monthly trend</h2>
          <div class="field">
            <label for="trend-of">Trend of</label>
            <select id="trend-of" value={trendKey} onChange={(e) => setTrendKey((e.target as HTMLSelectElement).value)}>
              {trends.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {series && <TrendChart series={series} />}
        </section>
      )}
    </div>
  );
}
