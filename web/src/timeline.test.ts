import { describe, expect, it } from 'vitest';
import { dayOf, fitWindow, isoOf, MIN_SPAN_DAYS, pan, ticks, xOf, zoom } from './timeline';

describe('timeline scale', () => {
  it('converts ISO dates to days and back', () => {
    expect(dayOf('1970-01-02')).toBe(1);
    expect(isoOf(dayOf('2024-02-29'))).toBe('2024-02-29');
  });

  it('fits a window around the events with a margin', () => {
    const days = [dayOf('2024-01-01'), dayOf('2024-12-31')];
    const w = fitWindow(days, dayOf('2025-01-01'));
    expect(w.start).toBeLessThan(days[0]);
    expect(w.end).toBeGreaterThan(days[1]);
  });

  it('never zooms in below the minimum span and stays inside the limit', () => {
    const limit = { start: 0, end: 1000 };
    let w = { start: 0, end: 1000 };
    for (let i = 0; i < 20; i++) w = zoom(w, 0.5, limit);
    expect(w.end - w.start).toBe(MIN_SPAN_DAYS);
    w = zoom(w, 1000, limit);
    expect(w).toEqual(limit);
  });

  it('pans within the limit', () => {
    const limit = { start: 0, end: 1000 };
    expect(pan({ start: 0, end: 100 }, -1, limit)).toEqual({ start: 0, end: 100 });
    expect(pan({ start: 0, end: 100 }, 0.5, limit)).toEqual({ start: 50, end: 150 });
    expect(pan({ start: 900, end: 1000 }, 1, limit)).toEqual({ start: 900, end: 1000 });
  });

  it('places days linearly', () => {
    expect(xOf(50, { start: 0, end: 100 }, 1000)).toBe(500);
  });

  it('chooses years for long windows and months for short ones', () => {
    const long = ticks({ start: dayOf('2020-01-01'), end: dayOf('2025-01-01') }, 8);
    expect(long.map((t) => t.label)).toEqual(['2020', '2021', '2022', '2023', '2024']);
    const short = ticks({ start: dayOf('2024-01-10'), end: dayOf('2024-05-10') }, 8);
    expect(short.map((t) => t.label)).toEqual(['Feb', 'Mar', 'Apr', 'May']);
    const days = ticks({ start: dayOf('2024-01-01'), end: dayOf('2024-01-15') }, 7);
    expect(days[0].label).toBe('1 Jan');
  });
});
