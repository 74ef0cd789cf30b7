// The chronology's time scale, kept free of the DOM so it can be unit tested: days since
// 1970-01-01 (UTC) for positions, a visible window that zooms about its centre and pans,
// and tick marks at a granularity that suits the window.

export interface Window {
  start: number; // first visible day
  end: number; // last visible day (exclusive)
}

export interface Tick {
  day: number;
  label: string;
  major: boolean;
}

export const MIN_SPAN_DAYS = 14;
const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function dayOf(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A window around every day given, with a margin, at least MIN_SPAN_DAYS wide. */
export function fitWindow(days: number[], today: number): Window {
  if (days.length === 0) return { start: today - 180, end: today + 1 };
  let lo = Math.min(...days);
  let hi = Math.max(...days) + 1;
  const margin = Math.max(7, Math.round((hi - lo) * 0.03));
  lo -= margin;
  hi += margin;
  if (hi - lo < MIN_SPAN_DAYS) {
    const mid = (lo + hi) / 2;
    lo = Math.floor(mid - MIN_SPAN_DAYS / 2);
    hi = lo + MIN_SPAN_DAYS;
  }
  return { start: lo, end: hi };
}

/** Zooms about the window's centre: factor < 1 zooms in, > 1 out; never narrower than MIN_SPAN_DAYS nor wider than `limit`. */
export function zoom(w: Window, factor: number, limit?: Window): Window {
  const span = w.end - w.start;
  let next = Math.max(MIN_SPAN_DAYS, Math.round(span * factor));
  if (limit) next = Math.min(next, limit.end - limit.start);
  const mid = (w.start + w.end) / 2;
  const start = Math.round(mid - next / 2);
  return clampTo({ start, end: start + next }, limit);
}

/** Moves the window by a fraction of its width (negative: earlier), staying inside `limit`. */
export function pan(w: Window, fraction: number, limit?: Window): Window {
  const shift = Math.round((w.end - w.start) * fraction);
  return clampTo({ start: w.start + shift, end: w.end + shift }, limit);
}

function clampTo(w: Window, limit?: Window): Window {
  if (!limit) return w;
  const span = w.end - w.start;
  if (span >= limit.end - limit.start) return { ...limit };
  if (w.start < limit.start) return { start: limit.start, end: limit.start + span };
  if (w.end > limit.end) return { start: limit.end - span, end: limit.end };
  return w;
}

/** x position in [0, width] of a day in the window. */
export function xOf(day: number, w: Window, width: number): number {
  return ((day - w.start) / (w.end - w.start)) * width;
}

/** Tick marks: days for short windows, months, quarters or years for longer ones; at most about maxTicks. */
export function ticks(w: Window, maxTicks: number): Tick[] {
  const span = w.end - w.start;
  const out: Tick[] = [];
  const first = new Date(w.start * MS_PER_DAY);
  if (span <= 45) {
    const step = Math.max(1, Math.ceil(span / Math.max(1, maxTicks)));
    for (let d = w.start; d < w.end; d += step) {
      const date = new Date(d * MS_PER_DAY);
      const label = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
      out.push({ day: d, label, major: date.getUTCDate() === 1 });
    }
    return out;
  }
  const stepsInMonths = [1, 2, 3, 6, 12, 24, 60];
  const months = span / 30.44;
  const stepMonths = stepsInMonths.find((s) => months / s <= maxTicks) ?? 120;
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth();
  // Align to the step (quarters start in Jan/Apr/Jul/Oct, years in Jan).
  if (stepMonths >= 12) m = 0;
  else m -= m % stepMonths;
  for (;;) {
    const day = Math.floor(Date.UTC(y, m, 1) / MS_PER_DAY);
    if (day >= w.end) break;
    if (day >= w.start) {
      const major = m === 0;
      const label = stepMonths >= 12 || major ? (stepMonths >= 12 ? `${y}` : `${MONTHS[m]} ${y}`) : MONTHS[m];
      out.push({ day, label, major });
    }
    m += stepMonths;
    y += Math.floor(m / 12);
    m %= 12;
  }
  return out;
}
