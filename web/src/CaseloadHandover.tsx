// A manager hands a practitioner's whole caseload to a colleague: someone leaves, goes on long
// leave or moves team. First whose cases (a team the manager covers, then who), with only the
// counts of what they have open; then who takes them on (any team of the agency) and from
// which day. The server moves each case on its own and says which it could not move and why,
// each linked to the child so the manager can finish it there.
import { useEffect, useState } from 'preact/hooks';
import { getCaseload, listTeams, reallocateCaseload } from './api';
import { Field, FormError } from './Field';
import { fieldErrorsFrom } from './fieldErrors';
import { formatDate, todayIso } from './format';
import type { CaseloadReallocation, CaseloadSummary, Practitioner, Principal, Team } from './types';
import { PeopleSelect, TeamSelect, usePeople } from './PractitionerPicker';
import { useFormAction } from './useFormAction';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function Outcome({ result, names }: { result: CaseloadReallocation; names: { from: string; to: string; day: string } }) {
  const refused = result.moves.filter((m) => !m.moved);
  return (
    <div data-testid="caseload-outcome">
      <p role="status" class={result.refused ? undefined : 'success'}>
        {result.moved} of {result.moves.length} moved from {names.from} to {names.to}, from {formatDate(names.day)}.
        {result.refused ? ` ${result.refused} stayed with ${names.from}: finish them on each child's record.` : ''}
      </p>
      {refused.length > 0 && (
        <ul data-testid="caseload-refused">
          {refused.map((m, k) => (
            <li key={k}>
              <a href={`/children/${m.child_id}`}>Child {m.child_id}</a>
              {m.key_worker ? ' (key worker of the plan)' : ''}: {m.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CaseloadHandover({ user }: { user: Principal }) {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [fromTeam, setFromTeam] = useState(user.team_id ? String(user.team_id) : '');
  const [from, setFrom] = useState('');
  const [summary, setSummary] = useState<CaseloadSummary | null>(null);
  const [toTeam, setToTeam] = useState(user.team_id ? String(user.team_id) : '');
  const [to, setTo] = useState('');
  const [day, setDay] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ result: CaseloadReallocation; names: { from: string; to: string; day: string } } | null>(null);
  const action = useFormAction();
  const { errors, setErrors } = action;
  const wide = user.scope === 'agency' || user.scope === 'all';

  useEffect(() => {
    if (!user.agency_id) return;
    listTeams(user.agency_id)
      .then((all) => {
        setTeams(all);
        if (!user.team_id && all[0]) {
          setFromTeam(String(all[0].id));
          setToTeam(String(all[0].id));
        }
      })
      .catch((e) => setLoadError(message(e)));
  }, [user.agency_id]);
  const fromPeople = usePeople(fromTeam, setLoadError);
  const toPeople = usePeople(toTeam, setLoadError);
  useEffect(() => {
    setSummary(null);
    setDone(null);
    setErrors({ fields: {}, general: '' });
    if (!from) return;
    getCaseload(Number(from))
      .then(setSummary)
      .catch((e) => setErrors({ fields: { from: message(e) }, general: '' }));
  }, [from]);

  if (!user.agency_id) return null;
  if (loadError) return <p class="error">{loadError}</p>;
  // A team manager hands on their own team's cases; a manager of a service, any team's.
  const fromTeams = (teams ?? []).filter((t) => wide || t.id === user.team_id);
  const name = (people: Practitioner[] | null, id: string) => people?.find((p) => String(p.id) === id)?.name ?? `practitioner ${id}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!from || !to) {
      setErrors({
        fields: { ...(from ? {} : { from: 'Choose whose cases to hand on.' }), ...(to ? {} : { practitioner_id: 'Choose who takes them on.' }) },
        general: '',
      });
      document.getElementById(from ? 'caseload-to' : 'caseload-from')?.focus();
      return;
    }
    const names = { from: name(fromPeople, from), to: name(toPeople, to), day };
    await action.run(async () => {
      const result = await reallocateCaseload(Number(from), Number(to), day, reason);
      setDone({ result, names });
      setSummary(await getCaseload(Number(from)));
    }, (err) => fieldErrorsFrom(err, ['practitioner_id', 'on']));
  };

  return (
    <section aria-labelledby="caseload-h" data-testid="caseload-handover">
      <h2 id="caseload-h">Hand on a caseload</h2>
      <p class="hint">When someone leaves or moves, every case of theirs goes to a colleague at once: a plan they are key worker of passes with its due dates and signposting's notices.</p>
      <form onSubmit={submit} noValidate aria-label="Hand on a caseload">
        <FormError message={errors.general} />
        <fieldset>
          <legend>Whose cases</legend>
          {teams && <TeamSelect id="caseload-from-team" label="Team" teams={fromTeams} value={fromTeam} onChange={(v) => { setFromTeam(v); setFrom(''); }} />}
          <PeopleSelect id="caseload-from" label="Practitioner" people={fromPeople} value={from} error={errors.fields.from} onChange={setFrom} />
          {summary && (
            <p data-testid="caseload-summary" data-practitioner={summary.practitioner_id}>
              {summary.involvements === 0
                ? 'Nothing open.'
                : `${summary.involvements} open involvement${summary.involvements === 1 ? '' : 's'} with ${summary.children} child${summary.children === 1 ? '' : 'ren'}` +
                  (summary.as_key_worker ? `, ${summary.as_key_worker} as a plan's key worker.` : '.')}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>Who takes them on</legend>
          {teams && <TeamSelect id="caseload-to-team" label="Team" teams={teams} value={toTeam} onChange={(v) => { setToTeam(v); setTo(''); }} />}
          <PeopleSelect id="caseload-to" label="Practitioner" people={toPeople} value={to} exclude={from} error={errors.fields.practitioner_id} onChange={setTo} />
          <Field id="caseload-on" label="From" error={errors.fields.on}>
            {(p) => <input {...p} type="date" value={day} max={todayIso()} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />}
          </Field>
          {wide && (
            <Field id="caseload-reason" label="Reason" hint="Your access to these children rests on your service-wide role, so each record asks why.">
              {(p) => <input {...p} type="text" value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
            </Field>
          )}
        </fieldset>
        <button type="submit" disabled={action.busy || summary?.involvements === 0}>
          {action.busy ? 'Handing on…' : 'Hand on the caseload'}
        </button>
      </form>
      {done && <Outcome result={done.result} names={done.names} />}
    </section>
  );
}
