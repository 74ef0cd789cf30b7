// What the MASH pages share: the RAG badge (a shape and a word as well as a colour), what a
// check's status means to its reader, and which refusals mean "not your page" rather than
// "something went wrong".
import { ApiError } from './api';
import { RAG_LABEL, RAG_SYMBOL } from './rag';
import type { RagRating } from './types';

export const CHECK_STATUS_LABEL: Record<string, string> = {
  requested: '… Asked, no answer yet',
  answered: '✓ Answered (inside the hub only)',
  released: '✓ Answered and released',
};

export function RagBadge({ rating }: { rating: RagRating | null }) {
  if (!rating) {
    return (
      <span class="rag rag-none">
        <span aria-hidden="true">○</span> Not rated
      </span>
    );
  }
  return (
    <span class={`rag rag-${rating}`}>
      <span aria-hidden="true">{RAG_SYMBOL[rating]}</span> {RAG_LABEL[rating]}
    </span>
  );
}

/** Refused (403) or switched off (503): the page says so instead of showing an error. */
export function isRefusal(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 403 || e.status === 503);
}
