// Handing a case on, from the child's page. The practitioner named on an involvement ends it;
// a manager of its team ends it or reallocates it to another practitioner of the same agency
// (a team, then who in it) from a day. The old involvement ends and a new one starts, so the
// page keeps who worked with the child before. The server decides who may; these forms only
// appear for those who might, and show its refusals beside their fields.
import { useEffect, useState } from 'preact/hooks';
import { endInvolvement, listTeams, reallocateInvolvement } from './api';
import { Field, FormError } from './Field';
import { fieldErrorsFrom } from './fieldErrors';
import { formatDate, todayIso } from './format';
import { PeopleSelect, usePeople } from './PractitionerPicker';
import type { Involvement, Principal, Team } from './types';
import { useFormAction } from './useFormAction';

/** A manager whose scope covers the involvement's team: as the server decides it. */
function managesTeamOf(u: Principal, i: Involvement): boolean {
  if (u.role !== 'manager') return false;
  if (u.scope === 'all') return true;
  if (u.scope === 'agency') return u.agency_id === i.agency_id;
  return u.scope === 'team' && u.team_id === i.team_id;
}

/**
 * The involvement a plan's key worker holds for it: it follows the plan, so it changes
 * through the casework's "change key worker" step, not here (the server refuses it too).
 */
export function isPlanKeyWorker(i: Involvement): boolean {
  // Free text: older and synthetic records write "Key worker" and "Child protection plan".
  const role = i.role.toLowerCase();
  const service = i.service.toLowerCase();
  return role === 'key worker' && (service === 'child protection plan' || service === 'child in need plan');
}

/** Whether the user may end the involvement: its named practitioner, or a manager of its team. */
export function mayEnd(user: Principal, i: Involvement): boolean {
  if (i.masked || i.ended_on || isPlanKeyWorker(i)) return false;
  return managesTeamOf(user, i) || (user.practitioner_id !== null && user.practitioner_id === i.practitioner_id);
}

/** Whether the user may reallocate it: a manager of its team. */
export function mayReallocate(user: Principal, i: Involvement): boolean {
  return !i.masked && !i.ended_on && !isPlanKeyWorker(i) && managesTeamOf(user, i);
}

const whose = (i: Involvement) => (i.practitioner_name ? `${i.practitioner_name}'s` : `${i.team_name}'s`);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function EndForm({ childId, i, onDone }: { childId: number; i: Involvement; onDone: (message: string) => void }) {
  const [day, setDay] = useState(todayIso());
  const action = useFormAction();
  const id = `end-${i.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      await endInvolvement(childId, i.id, day);
      onDone(`${whose(i)} involvement (${i.role || i.service}) ended on ${formatDate(day)}.`);
    }, (err) => fieldErrorsFrom(err, ['ended_on']));
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`End ${whose(i)} involvement`}>
      <FormError message={action.errors.general} />
      <Field id={`${id}-ended_on`} label="Ended on" error={action.errors.fields.ended_on}>
        {(p) => <input {...p} type="date" value={day} max={todayIso()} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'End the involvement'}
      </button>
    </form>
  );
}

function ReallocateForm({ childId, i, onDone }: { childId: number; i: Involvement; onDone: (message: string) => void }) {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [team, setTeam] = useState(String(i.team_id));
  const [chosen, setChosen] = useState('');
  const [day, setDay] = useState(todayIso());
  const [loadError, setLoadError] = useState('');
  const action = useFormAction();
  const { errors, setErrors } = action;
  const id = `reallocate-${i.id}`;

  useEffect(() => {
    listTeams(i.agency_id)
      .then(setTeams)
      .catch((e) => setLoadError(message(e)));
  }, [i.agency_id]);
  const people = usePeople(team, setLoadError);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen) {
      setErrors({ fields: { practitioner_id: 'Choose who takes the case on.' }, general: '' });
      document.getElementById(`${id}-practitioner_id`)?.focus();
      return;
    }
    const to = people?.find((p) => p.id === Number(chosen));
    await action.run(async () => {
      await reallocateInvolvement(childId, i.id, Number(chosen), day);
      onDone(`${whose(i)} involvement is now ${to?.name ?? `practitioner ${chosen}`}'s, from ${formatDate(day)}.`);
    }, (err) => fieldErrorsFrom(err, ['practitioner_id', 'on']));
  };

  if (loadError) return <p class="error">{loadError}</p>;
  return (
    <form onSubmit={submit} noValidate aria-label={`Reallocate ${whose(i)} involvement`}>
      <FormError message={errors.general} />
      <Field id={`${id}-team`} label="Team" hint={`A team of ${i.agency_name}`}>
        {(p) => (
          <select
            {...p}
            value={team}
            onChange={(e) => {
              setTeam((e.target as HTMLSelectElement).value);
              setChosen('');
            }}
          >
            {(teams ?? [{ id: i.team_id, name: i.team_name } as Team]).map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PeopleSelect
        id={`${id}-practitioner_id`}
        label="Practitioner"
        people={people}
        value={chosen}
        exclude={i.practitioner_id === null ? undefined : String(i.practitioner_id)}
        empty="No one else in this team"
        error={errors.fields.practitioner_id}
        onChange={setChosen}
      />
      <Field id={`${id}-on`} label="From" error={errors.fields.on}>
        {(p) => <input {...p} type="date" value={day} max={todayIso()} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" class="primary" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'Reallocate'}
      </button>
    </form>
  );
}

/** The changes the user might make to one current involvement, each folded until opened. */
export function InvolvementActions(props: { childId: number; i: Involvement; user: Principal; onChanged: (message: string) => void }) {
  const { i, user } = props;
  if (isPlanKeyWorker(i) && !i.masked && !i.ended_on && managesTeamOf(user, i)) {
    return <span class="hint">Key worker: change it in the casework</span>;
  }
  return (
    <>
      {mayReallocate(user, i) && (
        <details class="row-action">
          <summary>Reallocate</summary>
          <ReallocateForm childId={props.childId} i={i} onDone={props.onChanged} />
        </details>
      )}
      {mayEnd(user, i) && (
        <details class="row-action">
          <summary>End</summary>
          <EndForm childId={props.childId} i={i} onDone={props.onChanged} />
        </details>
      )}
    </>
  );
}
