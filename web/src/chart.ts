// Scaling for the dashboard's hand-drawn SVG charts: a "nice" top of the axis, ticks, and
// values to pixels. Pure, so it is tested without a browser.

/** The smallest 1, 2, 2.5, 5 or 10 times a power of ten at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max - 1e-9) return m * p;
  return 10 * p;
}

/** `count` + 1 evenly spaced ticks from 0 to `top`. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => Math.round(((top * i) / count) * 100) / 100);
}

/** A value on an axis from 0 to `top` drawn `size` pixels long, clamped to the axis. */
export function scale(value: number, top: number, size: number): number {
  if (top <= 0) return 0;
  return Math.max(0, Math.min(size, (value / top) * size));
}

/** The value an indicator is charted by: its percentage when it has one, else its count. */
export function indicatorValue(i: { percent: number | null; numerator: number }): { value: number; percent: boolean } {
  return i.percent === null ? { value: i.numerator, percent: false } : { value: i.percent, percent: true };
}

/** "2024-03" -> "Mar 2024". */
export function monthLabel(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${names[Number(m[2]) - 1]} ${m[1]}` : month;
}
