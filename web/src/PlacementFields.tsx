// Where a user sits, as "Add a user" and a user's administration panel both ask it: role and
// scope, and the practitioner record (agency, then team, then practitioner) that the scope is
// measured from. The forms own the values; these fields only show and change them, and a new
// agency or team clears what hung below it.
import { useEffect, useState } from 'preact/hooks';
import { listAgencies, listPractitioners, listTeams } from './api';
import { Field } from './Field';
import type { FieldErrors } from './fieldErrors';
import { humanise } from './format';
import type { Agency, Practitioner, Role, Scope, Team } from './types';

// What each role and scope means, beside the choice.
export const ROLE_HELP: Record<Role, string> = {
  practitioner: 'Practitioner: reads and records for children within their scope',
  manager: 'Manager: as a practitioner, and rates MASH contacts',
  safeguarding_lead: 'Safeguarding lead: as a manager, and may override shielding with a reason',
  administrator: 'Administrator: manages users and the directory; reads no child records',
  auditor: 'Auditor: reads the audit trail and reviews misuse; reads no child records',
};
export const SCOPE_HELP: Record<Scope, string> = {
  own: 'Own: children they work with themselves',
  team: "Team: children their team works with",
  agency: "Agency: children their agency works with (a reason is asked)",
  all: 'All: every child in the area',
};

/** The agencies, the chosen agency's teams and the chosen team's practitioners, loaded as the choice narrows. */
export function usePlacementLists(agency: string, team: string): { agencies: Agency[]; teams: Team[]; practitioners: Practitioner[] } {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [practitioners, setPractitioners] = useState<Practitioner[]>([]);
  useEffect(() => {
    listAgencies()
      .then(setAgencies)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    setTeams([]);
    if (agency)
      listTeams(Number(agency))
        .then(setTeams)
        .catch(() => undefined);
  }, [agency]);
  useEffect(() => {
    setPractitioners([]);
    if (team)
      listPractitioners(Number(team))
        .then(setPractitioners)
        .catch(() => undefined);
  }, [team]);
  return { agencies, teams, practitioners };
}

const chosen = (e: Event) => (e.target as HTMLSelectElement).value;

export function RoleScopeFields(props: {
  idOf: (field: string) => string;
  role: Role;
  scope: Scope;
  /** Why the role cannot change here (the last administrator, oneself); it then shows instead of the role's help. */
  roleBlocked?: string;
  errors: FieldErrors;
  onRole: (role: Role) => void;
  onScope: (scope: Scope) => void;
}) {
  const { idOf, role, scope, roleBlocked, errors } = props;
  return (
    <div class="field-row">
      <Field id={idOf('role')} label="Role" hint={roleBlocked || ROLE_HELP[role]} error={errors.fields.role}>
        {(p) => (
          <select {...p} value={role} disabled={!!roleBlocked} onChange={(e) => props.onRole(chosen(e) as Role)}>
            {(Object.keys(ROLE_HELP) as Role[]).map((r) => (
              <option key={r} value={r}>
                {humanise(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={idOf('scope')} label="Scope" hint={SCOPE_HELP[scope]} error={errors.fields.scope}>
        {(p) => (
          <select {...p} value={scope} onChange={(e) => props.onScope(chosen(e) as Scope)}>
            {(Object.keys(SCOPE_HELP) as Scope[]).map((s) => (
              <option key={s} value={s}>
                {humanise(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

export interface PractitionerPick {
  agency: string;
  team: string;
  practitioner: string;
}

export function PractitionerFields(props: {
  idOf: (field: string) => string;
  value: PractitionerPick;
  lists: { agencies: Agency[]; teams: Team[]; practitioners: Practitioner[] };
  /** The empty agency choice: "Choose an agency", or "No practitioner record" where none is a valid answer. */
  noAgency: string;
  errors: FieldErrors;
  /** The new pick and the field the user changed ("agency", "team" or "practitioner_id"). */
  onChange: (next: PractitionerPick, field: string) => void;
}) {
  const { idOf, value, lists, errors } = props;
  return (
    <div class="field-row">
      <Field id={idOf('agency')} label="Agency">
        {(p) => (
          <select {...p} value={value.agency} onChange={(e) => props.onChange({ agency: chosen(e), team: '', practitioner: '' }, 'agency')}>
            <option value="">{props.noAgency}</option>
            {lists.agencies.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={idOf('team')} label="Team">
        {(p) => (
          <select
            {...p}
            value={value.team}
            disabled={!value.agency}
            onChange={(e) => props.onChange({ ...value, team: chosen(e), practitioner: '' }, 'team')}
          >
            <option value="">{value.agency ? 'Choose a team' : 'Choose an agency first'}</option>
            {lists.teams.map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={idOf('practitioner_id')} label="Practitioner" error={errors.fields.practitioner_id}>
        {(p) => (
          <select
            {...p}
            value={value.practitioner}
            disabled={!value.team}
            onChange={(e) => props.onChange({ ...value, practitioner: chosen(e) }, 'practitioner_id')}
          >
            <option value="">{value.team ? 'Choose a practitioner' : 'Choose a team first'}</option>
            {lists.practitioners.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.name}
                {x.job_title ? `, ${x.job_title}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
