// The multi-agency chronology: a zoomable timeline (one lane per agency, markers shaped,
// sized and labelled by significance, not only coloured) and the same events as a table.
// Filters by agency and significance apply to both; the table lists what the timeline's
// window shows, so zooming narrows the table too.
import { useMemo, useState } from 'preact/hooks';
import { eventKindLabel, formatDate, formatTimestamp, SIGNIFICANCE_LABEL } from './format';
import { dayOf, fitWindow, isoOf, pan, ticks, type Window, xOf, zoom } from './timeline';
import type { Agency, ChildEvent, Significance } from './types';
import { useWidth } from './useWidth';

const SIGNIFICANCES: Significance[] = ['high', 'medium', 'low'];
const LANE = 46;
const AXIS = 30;
const PAD_X = 12;

interface Props {
  events: ChildEvent[];
  agencies: Map<number, Agency>;
}

export function agencyName(agencies: Map<number, Agency>, id: number): string {
  return agencies.get(id)?.name ?? `Agency ${id}`;
}

function Marker({ significance }: { significance: Significance }) {
  if (significance === 'high') return <path d="M0,-10 L9,7 L-9,7 Z" />;
  if (significance === 'medium') return <path d="M0,-7 L7,0 L0,7 L-7,0 Z" />;
  return <circle r="4.5" />;
}

export function SignificanceBadge({ significance }: { significance: Significance }) {
  return (
    <span class={`badge sig-${significance}`}>
      <svg class="badge-icon" viewBox="-10 -11 20 20" aria-hidden="true" focusable="false">
        <Marker significance={significance} />
      </svg>
      {SIGNIFICANCE_LABEL[significance]}
    </span>
  );
}

export function Chronology({ events, agencies }: Props) {
  const today = dayOf(new Date().toISOString());
  // The whole history runs to today, so a quiet spell since the last event shows.
  const all = useMemo(() => fitWindow([...events.map((e) => dayOf(e.occurred_on)), today], today), [events, today]);
  const [win, setWin] = useState<Window>(all);
  const laneIds = useMemo(() => [...new Set(events.map((e) => e.agency_id))].sort((a, b) => a - b), [events]);
  const [shownAgencies, setShownAgencies] = useState<Set<number>>(() => new Set(laneIds));
  const [shownSignificance, setShownSignificance] = useState<Set<Significance>>(() => new Set(SIGNIFICANCES));
  const [selected, setSelected] = useState<number | null>(null);
  const [newestFirst, setNewestFirst] = useState(false);
  const [boxRef, width] = useWidth<HTMLDivElement>();

  const filtered = events.filter((e) => shownAgencies.has(e.agency_id) && shownSignificance.has(e.significance));
  const inWindow = filtered.filter((e) => {
    const d = dayOf(e.occurred_on);
    return d >= win.start && d < win.end;
  });
  const lanes = laneIds.filter((id) => shownAgencies.has(id));
  const plotWidth = width - 2 * PAD_X;
  const height = AXIS + Math.max(1, lanes.length) * LANE + 8;
  const tickMarks = ticks(win, Math.max(2, Math.floor(plotWidth / 90)));
  const selectedEvent = events.find((e) => e.id === selected) ?? null;
  const rows = newestFirst ? [...inWindow].reverse() : inWindow;

  const toggle = <T,>(set: Set<T>, value: T, update: (s: Set<T>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  };
  const lastDays = (days: number) => setWin(zoomToLast(all, today, days));
  const count = (pred: (e: ChildEvent) => boolean) => events.filter(pred).length;

  return (
    <div class="chronology">
      <div class="chronology-controls">
        <fieldset class="filter">
          <legend>Agencies</legend>
          {laneIds.map((id) => (
            <label key={id} class="check">
              <input
                type="checkbox"
                checked={shownAgencies.has(id)}
                onChange={() => toggle(shownAgencies, id, setShownAgencies)}
              />
              {agencyName(agencies, id)} ({count((e) => e.agency_id === id)})
            </label>
          ))}
        </fieldset>
        <fieldset class="filter">
          <legend>Significance</legend>
          {SIGNIFICANCES.map((s) => (
            <label key={s} class="check">
              <input
                type="checkbox"
                checked={shownSignificance.has(s)}
                onChange={() => toggle(shownSignificance, s, setShownSignificance)}
              />
              <SignificanceBadge significance={s} /> ({count((e) => e.significance === s)})
            </label>
          ))}
        </fieldset>
      </div>

      <div class="toolbar" role="toolbar" aria-label="Timeline range">
        <button type="button" onClick={() => setWin(zoom(win, 0.5, all))}>Zoom in</button>
        <button type="button" onClick={() => setWin(zoom(win, 2, all))}>Zoom out</button>
        <button type="button" onClick={() => setWin(pan(win, -0.5, all))}>Earlier</button>
        <button type="button" onClick={() => setWin(pan(win, 0.5, all))}>Later</button>
        <button type="button" onClick={() => lastDays(92)}>Last 3 months</button>
        <button type="button" onClick={() => lastDays(366)}>Last 12 months</button>
        <button type="button" onClick={() => setWin(all)}>Whole history</button>
      </div>
      <p class="range" aria-live="polite" data-testid="timeline-range">
        Showing {formatDate(isoOf(win.start))} to {formatDate(isoOf(win.end - 1))}: {inWindow.length} of {events.length}{' '}
        events.
      </p>

      <div class="timeline" ref={boxRef}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label={`Timeline of ${inWindow.length} events; each marker opens its details`}
          onKeyDown={(e) => {
            if (e.key === '+' || e.key === '=') setWin(zoom(win, 0.5, all));
            else if (e.key === '-') setWin(zoom(win, 2, all));
          }}
        >
          <g transform={`translate(${PAD_X},0)`}>
            {tickMarks.map((t) => {
              const x = xOf(t.day, win, plotWidth);
              return (
                <g key={t.day} class={t.major ? 'tick major' : 'tick'}>
                  <line x1={x} x2={x} y1={AXIS - 6} y2={height - 4} />
                  <text x={x + 3} y={AXIS - 10}>
                    {t.label}
                  </text>
                </g>
              );
            })}
            {today >= win.start && today < win.end && (
              <g class="today">
                <line x1={xOf(today, win, plotWidth)} x2={xOf(today, win, plotWidth)} y1={AXIS - 6} y2={height - 4} />
                <text x={xOf(today, win, plotWidth) - 3} y={height - 8} text-anchor="end">
                  today
                </text>
              </g>
            )}
            {lanes.map((id, i) => {
              const y = AXIS + i * LANE;
              return (
                <g key={id} class="lane">
                  <line x1={0} x2={plotWidth} y1={y + LANE - 12} y2={y + LANE - 12} />
                  <text x={2} y={y + 12}>
                    {agencyName(agencies, id)}
                  </text>
                </g>
              );
            })}
            {inWindow.map((e) => {
              const lane = lanes.indexOf(e.agency_id);
              const x = xOf(dayOf(e.occurred_on) + 0.5, win, plotWidth);
              const y = AXIS + lane * LANE + LANE - 12;
              const label = `${formatDate(e.occurred_on)}, ${agencyName(agencies, e.agency_id)}, ${eventKindLabel(e.kind)}, ${
                SIGNIFICANCE_LABEL[e.significance]
              } significance: ${e.summary}`;
              const choose = () => setSelected(e.id);
              return (
                <g
                  key={e.id}
                  class={`marker sig-${e.significance}${selected === e.id ? ' selected' : ''}`}
                  transform={`translate(${x},${y})`}
                  tabindex={0}
                  role="button"
                  aria-label={label}
                  aria-pressed={selected === e.id}
                  data-event-id={e.id}
                  onClick={choose}
                  onKeyDown={(k) => {
                    if (k.key === 'Enter' || k.key === ' ') {
                      k.preventDefault();
                      choose();
                    }
                  }}
                >
                  <title>{label}</title>
                  <circle class="hit" r="12" />
                  <Marker significance={e.significance} />
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <p class="hint">
        Markers: <SignificanceBadge significance="high" /> <SignificanceBadge significance="medium" />{' '}
        <SignificanceBadge significance="low" />. Tab to a marker and press Enter for its details; + and - zoom.
      </p>

      <div class="event-detail" aria-live="polite" data-testid="event-detail">
        {selectedEvent ? (
          <dl>
            <dt>Date</dt>
            <dd>{formatDate(selectedEvent.occurred_on)}</dd>
            <dt>Agency</dt>
            <dd>{agencyName(agencies, selectedEvent.agency_id)}</dd>
            <dt>What</dt>
            <dd>{eventKindLabel(selectedEvent.kind)}</dd>
            <dt>Significance</dt>
            <dd>
              <SignificanceBadge significance={selectedEvent.significance} />
            </dd>
            <dt>Summary</dt>
            <dd>{selectedEvent.summary}</dd>
            <dt>Recorded</dt>
            <dd>
              {formatTimestamp(selectedEvent.recorded_at)}
              {selectedEvent.source_reference ? ` (reference ${selectedEvent.source_reference})` : ''}
            </dd>
          </dl>
        ) : (
          <p>Choose a marker to see the event here.</p>
        )}
      </div>

      <div class="table-head">
        <h3 id="chronology-table">Chronology as a table</h3>
        <label class="check">
          <input type="checkbox" checked={newestFirst} onChange={() => setNewestFirst(!newestFirst)} />
          Newest first
        </label>
      </div>
      <div class="table-scroll">
        <table class="data" aria-labelledby="chronology-table" data-testid="chronology-table">
          <caption>
            {rows.length} events from {formatDate(isoOf(win.start))} to {formatDate(isoOf(win.end - 1))}, with the filters
            above
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Agency</th>
              <th scope="col">What</th>
              <th scope="col">Significance</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} class={selected === e.id ? 'selected' : ''}>
                <td class="nowrap">{formatDate(e.occurred_on)}</td>
                <td>{agencyName(agencies, e.agency_id)}</td>
                <td>{eventKindLabel(e.kind)}</td>
                <td>
                  <SignificanceBadge significance={e.significance} />
                </td>
                <td>{e.summary}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={5}>No events in this range with these filters.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function zoomToLast(all: Window, today: number, days: number): Window {
  const end = Math.min(all.end, Math.max(today + 1, all.start + days));
  return { start: Math.max(all.start, end - days), end };
}
