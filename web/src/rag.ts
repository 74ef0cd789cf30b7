// The MASH RAG clock in words: colour is never the only signal, so every rating carries a
// word and a shape, and every clock says how long is left or how long it is overdue.
import type { RagRating } from './types';

export const RAG_LABEL: Record<RagRating, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
/** Working hours each rating allows (the server's default RagClock: 4 / 24 / 72). */
export const RAG_HOURS: Record<RagRating, number> = { red: 4, amber: 24, green: 72 };
/** A shape for each rating, so it reads without colour: ▲ red, ◆ amber, ● green. */
export const RAG_SYMBOL: Record<RagRating, string> = { red: '▲', amber: '◆', green: '●' };

/** 5400 -> "1 h 30 min"; 59 -> "under 1 min"; 3 days and more -> "3 d 2 h". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  if (s < 60) return 'under 1 min';
  const minutes = Math.floor(s / 60);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

export type ClockState = 'unrated' | 'running' | 'overdue' | 'decided';

export interface ClockText {
  state: ClockState;
  /** What a screen reader and a sighted reader both get, e.g. "Overdue by 2 h 5 min". */
  text: string;
}

/**
 * The clock of a queued contact, from the server's seconds_left (negative when overdue;
 * 0 when not yet rated) and its rating. The clock counts real time to the due instant the
 * server computed in working hours, so "left" is wall-clock time to the deadline.
 */
export function clockText(c: { rating: RagRating | null; seconds_left: number; escalated?: boolean; status?: string }): ClockText {
  if (c.status === 'decided') return { state: 'decided', text: 'Decided' };
  if (!c.rating) return { state: 'unrated', text: 'Not rated yet: no clock' };
  if (c.escalated || c.seconds_left < 0) return { state: 'overdue', text: `Overdue by ${formatDuration(c.seconds_left)}` };
  return { state: 'running', text: `${formatDuration(c.seconds_left)} left` };
}

/** The seconds left now, counting down from what the server said at `fetchedAt` (ms). */
export function secondsLeftNow(secondsLeft: number, fetchedAt: number, now: number): number {
  return secondsLeft - Math.floor((now - fetchedAt) / 1000);
}

/** The queue at a glance, in words: "3 open: 1 overdue, 1 not rated yet, 1 red". */
export function queueSummary(contacts: { rating: RagRating | null; seconds_left: number; escalated?: boolean }[]): string {
  if (contacts.length === 0) return 'No open contacts.';
  const overdue = contacts.filter((c) => clockText(c).state === 'overdue').length;
  const unrated = contacts.filter((c) => !c.rating).length;
  const running = (r: RagRating) => contacts.filter((c) => c.rating === r && clockText(c).state === 'running').length;
  const parts = [
    overdue && `${overdue} overdue`,
    unrated && `${unrated} not rated yet`,
    ...(['red', 'amber', 'green'] as RagRating[]).map((r) => running(r) && `${running(r)} ${RAG_LABEL[r].toLowerCase()} on time`),
  ].filter(Boolean);
  return `${contacts.length} open: ${parts.join(', ')}.`;
}
