// Search for a child by name, date of birth, NHS number or UPN. Results are the children
// the user may open; matches outside their scope are only counted. Search terms are kept in
// memory, not in the address bar, so names never reach the browser's history.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, searchChildren, type SearchQuery } from './api';
import { describeAge, formatDate, fullName, sexLabel } from './format';
import { nhsNumberProblem, upnProblem } from './identifiers';
import type { SearchResult } from './types';

interface Remembered {
  query: SearchQuery;
  result: SearchResult | null;
}

// The last search of this session, so "back" from a child shows the list again without a
// new (audited) search. Cleared on logout by a reload of the app state.
let remembered: Remembered = { query: {}, result: null };
export function forgetSearch(): void {
  remembered = { query: {}, result: null };
}

export function SearchPage() {
  const [query, setQuery] = useState<SearchQuery>(remembered.query);
  const [result, setResult] = useState<SearchResult | null>(remembered.result);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const set = (field: keyof SearchQuery) => (e: Event) =>
    setQuery({ ...query, [field]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const q: SearchQuery = {
      name: query.name?.trim() || undefined,
      date_of_birth: query.date_of_birth || undefined,
      nhs_number: query.nhs_number?.replace(/\s+/g, '') || undefined,
      upn: query.upn?.trim().toUpperCase() || undefined,
    };
    const found: Record<string, string> = {};
    if (q.nhs_number) found.nhs_number = nhsNumberProblem(q.nhs_number);
    if (q.upn) found.upn = upnProblem(q.upn);
    if (!q.name && !q.date_of_birth && !q.nhs_number && !q.upn) found.name = 'Give a name, date of birth, NHS number or UPN.';
    const clean = Object.fromEntries(Object.entries(found).filter(([, v]) => v));
    setProblems(clean);
    if (Object.keys(clean).length > 0) return;
    setBusy(true);
    setError('');
    try {
      const r = await searchChildren(q);
      setResult(r);
      remembered = { query, result: r };
      requestAnimationFrame(() => resultsHeading.current?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.field) setProblems({ [err.field]: err.message });
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: keyof SearchQuery, label: string, props: Record<string, unknown> = {}, hint = '') => (
    <div class="field">
      <label for={`search-${id}`}>{label}</label>
      {hint && (
        <p class="field-hint" id={`search-${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`search-${id}`}
        name={id}
        value={query[id] ?? ''}
        onInput={set(id)}
        aria-invalid={problems[id] ? true : undefined}
        aria-describedby={[hint && `search-${id}-hint`, problems[id] && `search-${id}-error`].filter(Boolean).join(' ') || undefined}
        {...props}
      />
      {problems[id] && (
        <p class="error" id={`search-${id}-error`}>
          {problems[id]}
        </p>
      )}
    </div>
  );

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Find a child
      </h1>
      <form class="card search-form" onSubmit={submit} role="search" aria-label="Find a child" noValidate>
        <div class="field-row">
          {field('name', 'Name', { autocomplete: 'off', spellcheck: false }, 'Part of a first name or surname')}
          {field('date_of_birth', 'Date of birth', { type: 'date' })}
          {field('nhs_number', 'NHS number', { inputMode: 'numeric', autocomplete: 'off' }, '10 digits')}
          {field('upn', 'UPN', { autocomplete: 'off', spellcheck: false }, 'Unique pupil number, 13 characters')}
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>

      {result && (
        <section aria-labelledby="results-heading" class="results">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            {result.children.length === 0
              ? 'No children you can open match'
              : `${result.children.length} ${result.children.length === 1 ? 'child' : 'children'} you can open`}
          </h2>
          {result.children.length > 0 && (
            <div class="table-scroll">
              <table class="data" data-testid="search-results">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Age</th>
                    <th scope="col">Sex</th>
                    <th scope="col">NHS number</th>
                    <th scope="col">UPN</th>
                  </tr>
                </thead>
                <tbody>
                  {result.children.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={`/children/${c.id}`}>{fullName(c)}</a>
                        {c.shielding !== 'none' && <span class="tag warn"> Shielded</span>}
                      </td>
                      <td class="nowrap">{formatDate(c.date_of_birth ?? c.expected_birth_date)}</td>
                      <td>{describeAge(c)}</td>
                      <td>{sexLabel(c.sex)}</td>
                      <td class="nowrap">{c.nhs_number || '—'}</td>
                      <td class="nowrap">{c.upn || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.outside_scope > 0 && (
            <p class="notice" data-testid="outside-scope">
              <strong>
                {result.outside_scope} more {result.outside_scope === 1 ? 'match' : 'matches'} outside your scope.
              </strong>{' '}
              No one in your team works with {result.outside_scope === 1 ? 'this child' : 'these children'}, so{' '}
              {result.outside_scope === 1 ? 'it is' : 'they are'} only counted. Narrow the search with a date of birth
              or an identifier, or ask the team that holds the case.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
