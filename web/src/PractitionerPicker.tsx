// Choosing a practitioner of the agency: a team, then who in it. Shared by the forms that hand
// a case or a caseload on.
import { useEffect, useState } from 'preact/hooks';
import { listPractitioners } from './api';
import { Field } from './Field';
import type { Practitioner, Team } from './types';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The practitioners of a team, read again whenever the team changes. */
export function usePeople(team: string, setError: (m: string) => void): Practitioner[] | null {
  const [people, setPeople] = useState<Practitioner[] | null>(null);
  useEffect(() => {
    setPeople(null);
    if (!team) return;
    listPractitioners(Number(team))
      .then(setPeople)
      .catch((e) => setError(message(e)));
  }, [team]);
  return people;
}

export function PeopleSelect(props: {
  id: string;
  label: string;
  people: Practitioner[] | null;
  value: string;
  /** Someone not to offer (whose cases are moving). */
  exclude?: string;
  /** The first option when the team has no one to offer. */
  empty?: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const shown = (props.people ?? []).filter((p) => String(p.id) !== props.exclude);
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(p) => (
        <select {...p} value={props.value} disabled={!props.people} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{props.people ? (shown.length ? 'Choose…' : props.empty ?? 'No one in this team') : 'Loading…'}</option>
          {shown.map((x) => (
            <option key={x.id} value={String(x.id)}>
              {x.name}
              {x.job_title && `, ${x.job_title}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TeamSelect(props: { id: string; label: string; teams: Team[]; value: string; onChange: (v: string) => void }) {
  return (
    <Field id={props.id} label={props.label}>
      {(p) => (
        <select {...p} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          {props.teams.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

