// Casework in words: a timescale's state as practitioners say it ("due 24 May 2024",
// "overdue by 3 working days", "met", "late: interpreter not available"), and the steps of
// the ICPC path the casework form offers, each asking only what cannot be derived.
import { formatDate, humanise } from './format';
import type { CaseRecords, Timescale } from './types';

export type TimescaleTone = 'due' | 'overdue' | 'met' | 'late' | 'not-required';

/**
 * A timescale's state as text (never colour alone) and a tone for styling. Working days are
 * the server's count (bank holidays of England and Wales excluded); the UI never counts them.
 */
export function timescaleText(
  t: Pick<Timescale, 'due' | 'state' | 'status' | 'late_reason' | 'completed_on' | 'working_days_overdue'> & { working_days_left?: number },
  today: string,
): {
  tone: TimescaleTone;
  text: string;
} {
  if (t.state === 'met') return { tone: 'met', text: t.completed_on ? `met (${formatDate(t.completed_on)})` : 'met' };
  if (t.state === 'late') return { tone: 'late', text: t.late_reason ? `late: ${t.late_reason}` : 'late' };
  if (t.state === 'not required') return { tone: 'not-required', text: 'not required' };
  if (t.status === 'overdue' || t.due < today) {
    const n = Math.max(1, t.working_days_overdue);
    return { tone: 'overdue', text: `overdue by ${n} working day${n === 1 ? '' : 's'}` };
  }
  if (t.due === today) return { tone: 'due', text: `due today (${formatDate(t.due)})` };
  const left = t.working_days_left;
  const inDays = left === undefined || left === 0 ? '' : ` (${left} working day${left === 1 ? '' : 's'} left)`;
  return { tone: 'due', text: `due ${formatDate(t.due)}${inDays}` };
}

const KIND_LABEL: Record<string, string> = {
  icpc: 'Initial child protection conference',
  'contact decision': 'Contact decision',
  'referral decision': 'Referral decision',
  assessment: 'Assessment',
  'transfer-in conference': 'Transfer-in conference',
  'first core group': 'First core group',
  'core group': 'Core group',
  'first review': 'First review conference',
  review: 'Review conference',
  'review after birth': 'Review after birth',
};

export function timescaleKindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? humanise(kind);
}

export interface StepField {
  name: string;
  label: string;
  /** list: comma-separated, sent as a list; worker: a practitioner of the user's team, sent as an id. */
  kind: 'date' | 'text' | 'select' | 'list' | 'worker';
  options?: [string, string][];
  hint?: string;
  required?: boolean;
}

export interface StepForm {
  step: string;
  label: string;
  fields: StepField[];
  /** A conference or core group: invitations and attendance by agency, decisions, actions. */
  meeting?: boolean;
  /** Sent as they are: what tells two forms of one step apart (an initial or a transfer-in conference). */
  fixed?: Record<string, string>;
  /** The form's own name when two forms record the same step; the step otherwise. */
  id?: string;
}

/** The form's name in the step chooser (unique even when two forms record one step). */
export function formId(form: StepForm): string {
  return form.id ?? form.step;
}

const LATE: StepField = { name: 'late_reason', label: 'Reason, if this is late', kind: 'text', hint: 'Only when the step is past its timescale.' };

/** The steps of the ICPC path: each asks only what the server cannot derive (the open referral, the latest enquiry). */
export const ICPC_STEPS: StepForm[] = [
  {
    step: 'receive referral',
    label: 'Receive a referral',
    fields: [
      { name: 'received_on', label: 'Received on', kind: 'date', required: true },
      {
        name: 'source',
        label: 'Referral source (CIN census code)',
        kind: 'select',
        required: true,
        options: [
          ['1A', '1A Individual: family member'],
          ['1B', '1B Individual: acquaintance'],
          ['1C', '1C Individual: self'],
          ['1D', '1D Individual: other'],
          ['2A', '2A Schools'],
          ['2B', '2B Education services'],
          ['3A', '3A Health: GP'],
          ['3B', '3B Health: visitor'],
          ['3C', '3C Health: school nurse'],
          ['3D', '3D Health: other primary'],
          ['3E', '3E Health: hospital'],
          ['3F', '3F Health: other'],
          ['4', '4 Housing'],
          ['5A', '5A LA services: social care'],
          ['5B', '5B LA services: other internal'],
          ['5C', '5C LA services: external'],
          ['5D', '5D LA services: other'],
          ['6', '6 Police'],
          ['7', '7 Other legal agency'],
          ['8', '8 Other'],
          ['9', '9 Anonymous'],
          ['10', '10 Unknown'],
        ],
      },
      { name: 'primary_need', label: 'Primary need code (optional)', kind: 'text', hint: 'N0 to N9' },
      {
        name: 'kind',
        label: 'Kind of referral',
        kind: 'select',
        required: true,
        options: [
          ['standard', 'Standard'],
          ['transfer in', 'Transfer in: the child is on another authority\'s child protection plan'],
        ],
        hint: 'A transfer in is followed by a transfer-in conference within 15 working days.',
      },
    ],
  },
  {
    step: 'decide on referral',
    label: 'Decide on the referral',
    fields: [
      { name: 'decided_on', label: 'Decided on', kind: 'date', required: true },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['assessment', 'Single assessment'],
          ['strategy discussion', 'Strategy discussion'],
          ['early help', 'Early help'],
          ['no further action', 'No further action'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'hold strategy discussion',
    label: 'Hold a strategy discussion',
    fields: [
      { name: 'held_on', label: 'Held on', kind: 'date', required: true },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['s47', 'Start a section 47 enquiry'],
          ['no s47', 'No section 47 enquiry'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'complete s47 enquiry',
    label: 'Complete the section 47 enquiry',
    fields: [
      { name: 'completed_on', label: 'Completed on', kind: 'date', required: true },
      {
        name: 'outcome',
        label: 'Outcome',
        kind: 'select',
        required: true,
        options: [
          ['icpc', 'Initial child protection conference'],
          ['cin plan', 'Child in need plan'],
          ['no further action', 'No further action'],
        ],
      },
    ],
  },
  {
    step: 'hold initial conference',
    label: 'Hold the initial child protection conference',
    meeting: true,
    fixed: { kind: 'initial' },
    fields: [
      { name: 'held_on', label: 'Held on', kind: 'date', required: true },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['plan', 'Child protection plan'],
          ['no plan', 'No plan'],
        ],
      },
      LATE,
    ],
  },
];

/** The other steps of a case: assessment, plans, core groups, reviews, closure, contacts, birth. */
export const OTHER_STEPS: StepForm[] = [
  {
    step: 'hold initial conference',
    id: 'hold transfer-in conference',
    label: 'Hold a transfer-in conference (child on another authority\'s plan)',
    meeting: true,
    fixed: { kind: 'transfer-in' },
    fields: [
      { name: 'held_on', label: 'Held on', kind: 'date', required: true, hint: 'Within 15 working days of the transfer-in referral.' },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['plan', 'Child protection plan here'],
          ['no plan', 'No plan'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'start assessment',
    label: 'Start a single assessment',
    fields: [{ name: 'started_on', label: 'Started on', kind: 'date', required: true }, LATE],
  },
  {
    step: 'complete assessment',
    label: 'Complete the assessment',
    fields: [
      { name: 'completed_on', label: 'Completed (authorised) on', kind: 'date', required: true },
      {
        name: 'outcome',
        label: 'Outcome',
        kind: 'select',
        required: true,
        options: [
          ['no further action', 'No further action'],
          ['early help', 'Early help'],
          ['cin plan', 'Child in need plan'],
          ['strategy discussion', 'Strategy discussion'],
        ],
      },
      { name: 'factors', label: 'Factors identified (CIN census codes)', kind: 'list', hint: 'Separated by commas, e.g. 2B, 3A; 21 when none.' },
      LATE,
    ],
  },
  {
    step: 'start cp plan',
    label: 'Start the child protection plan',
    fields: [
      { name: 'start', label: 'Starts on', kind: 'date', required: true },
      {
        name: 'category',
        label: 'Category of abuse',
        kind: 'select',
        required: true,
        options: [
          ['neglect', 'Neglect'],
          ['physical', 'Physical abuse'],
          ['emotional', 'Emotional abuse'],
          ['sexual', 'Sexual abuse'],
          ['multiple', 'Multiple'],
        ],
      },
      { name: 'key_worker', label: 'Key worker', kind: 'worker', required: true },
    ],
  },
  {
    step: 'hold core group',
    label: 'Hold a core group meeting',
    meeting: true,
    fields: [{ name: 'held_on', label: 'Held on', kind: 'date', required: true }, LATE],
  },
  {
    step: 'hold review conference',
    label: 'Hold a review conference',
    meeting: true,
    fields: [
      { name: 'held_on', label: 'Held on', kind: 'date', required: true },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['continue', 'Continue the plan'],
          ['end', 'End the plan'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'end cp plan',
    label: 'End the child protection plan',
    fields: [
      { name: 'ended_on', label: 'Ended on', kind: 'date', required: true },
      {
        name: 'reason',
        label: 'Reason',
        kind: 'select',
        required: true,
        options: [
          ['review decision', 'Review conference decision'],
          ['transferred out', 'Transferred to another authority'],
          ['looked after', 'Became looked after'],
          ['reached 18', 'Reached 18'],
          ['died', 'Died'],
          ['adopted', 'Adopted'],
          ['other', 'Other'],
        ],
      },
    ],
  },
  {
    step: 'start cin plan',
    label: 'Start a child in need plan',
    fields: [
      { name: 'start', label: 'Starts on', kind: 'date', required: true },
      {
        name: 'key_worker',
        label: 'Key worker',
        kind: 'worker',
        required: true,
        hint: 'They gain the case through the plan, and signposting tells them of every lookup.',
      },
      LATE,
    ],
  },
  {
    step: 'end cin plan',
    label: 'End the child in need plan',
    fields: [{ name: 'ended_on', label: 'Ended on', kind: 'date', required: true }],
  },
  {
    step: 'change key worker',
    label: 'Change the key worker (open CP or CIN plan)',
    fields: [
      { name: 'changed_on', label: 'From', kind: 'date', required: true },
      {
        name: 'key_worker',
        label: 'New key worker',
        kind: 'worker',
        required: true,
        hint: "The old key worker's access for the plan ends that day; signposting notices and the plan's due dates go to the new one.",
      },
    ],
  },
  {
    step: 'close episode',
    label: 'Close the episode (CIN)',
    fields: [
      { name: 'closed_on', label: 'Closed on', kind: 'date', required: true },
      {
        name: 'reason',
        label: 'Reason for closure',
        kind: 'select',
        required: true,
        options: [
          ['RC1', 'RC1 Adopted'],
          ['RC2', 'RC2 Died'],
          ['RC3', 'RC3 Child arrangements order'],
          ['RC4', 'RC4 Special guardianship order'],
          ['RC5', 'RC5 Transferred to another local authority'],
          ['RC6', 'RC6 Transferred to adult social care'],
          ['RC7', 'RC7 Services ceased for any other reason'],
          ['RC8', 'RC8 Closed after assessment, no further action'],
          ['RC9', 'RC9 Closed after assessment, referred to early help'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'record contact',
    label: 'Record a contact',
    fields: [
      { name: 'received_on', label: 'Received on', kind: 'date', required: true },
      { name: 'source', label: 'Source (CIN census code)', kind: 'text', required: true, hint: '1A to 10, as for a referral' },
    ],
  },
  {
    step: 'decide contact',
    label: 'Decide on a contact',
    fields: [
      { name: 'decided_on', label: 'Decided on', kind: 'date', required: true },
      {
        name: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          ['no further action', 'No further action'],
          ['advice', 'Advice and information'],
          ['early help', 'Early help'],
        ],
      },
      LATE,
    ],
  },
  {
    step: 'record birth',
    label: 'Record the birth (unborn child)',
    fields: [
      {
        name: 'born_on',
        label: 'Born on',
        kind: 'date',
        required: true,
        hint: 'The pre-birth assessment, conference and plan go on; a pre-birth plan is reviewed within 20 working days of the birth.',
      },
    ],
  },
];

export const ALL_STEPS: StepForm[] = [...ICPC_STEPS, ...OTHER_STEPS];

/** The body of a step from the form's values: empty optional fields are left out. */
export function stepBody(form: StepForm, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { step: form.step, ...(form.fixed ?? {}) };
  for (const f of form.fields) {
    const v = (values[f.name] ?? '').trim();
    if (v === '' && !f.required) continue;
    if (v === '') body[f.name] = null;
    else if (f.kind === 'list') body[f.name] = v.split(',').map((x) => x.trim()).filter(Boolean);
    else if (f.kind === 'worker') body[f.name] = Number(v);
    else body[f.name] = v;
  }
  return body;
}

/** The step of the ICPC path that usually follows a recorded one, given the decision taken. */
export function nextStep(step: string, values: Record<string, string>): string | null {
  switch (step) {
    case 'receive referral':
      return values.kind === 'transfer in' ? 'hold transfer-in conference' : 'decide on referral';
    case 'hold strategy discussion':
      return values.decision === 's47' ? 'complete s47 enquiry' : null;
    case 'complete s47 enquiry':
      return values.outcome === 'icpc' ? 'hold initial conference' : values.outcome === 'cin plan' ? 'start cin plan' : null;
    case 'hold initial conference':
    case 'hold transfer-in conference':
      return values.decision === 'plan' ? 'start cp plan' : null;
    case 'start cp plan':
      return 'hold core group';
    case 'decide on referral':
      return values.decision === 'strategy discussion' ? 'hold strategy discussion' : values.decision === 'assessment' ? 'start assessment' : null;
    case 'start assessment':
      return 'complete assessment';
    default:
      return null;
  }
}

const ROLE_OF_KIND: Record<string, string> = {
  social_care: 'social care',
  police: 'police',
  health: 'health',
  gp: 'gp',
  school: 'school',
  education: 'school',
  probation: 'probation',
  housing: 'housing',
  youth_offending: 'youth offending',
};

/** The conference role of an agency, from its kind ("other" when unknown). */
export function roleOfAgency(kind: string): string {
  return ROLE_OF_KIND[kind] ?? 'other';
}

/** An action agreed at a meeting: owner "p:<practitioner id>" or "a:<agency id>" ("" = none yet). */
export interface ActionInput {
  description: string;
  owner: string;
  due: string;
}

/** What the meeting section of the form holds. */
export interface MeetingInput {
  /** agency id -> present, apologies, report sent, absent ("" or missing = not invited) */
  attendance: Record<number, string>;
  /** agency id -> the date it was invited (optional) */
  invited?: Record<number, string>;
  /** agency id -> how to reach its member of the core group, agreed at the meeting (optional) */
  contacts?: Record<number, string>;
  /** one decision per line, beyond the step's own decision */
  decisions?: string;
  actions?: ActionInput[];
  quorumOverride?: string;
}

export interface MeetingRecordBody {
  participants: { agency: number; role: string; attendance: string; invited_on?: string; contact_details?: string }[];
  decisions?: string[];
  actions?: { description: string; owner?: number; owner_agency?: number; due: string | null }[];
  quorum_override_reason?: string;
}

/**
 * The meeting record of a step from the form (the API's "record"), and the agency of each
 * participant in the order sent, so that a refusal naming "record.participants[2]..." finds
 * its control. Blank action rows are left out; a half-filled one is sent for the server to name.
 */
export function meetingRecord(input: MeetingInput, kinds: Map<number, string>): { record: MeetingRecordBody; agencyAt: number[]; actionAt: number[] } {
  const invited = Object.entries(input.attendance).filter(([, a]) => a !== '');
  const agencyAt = invited.map(([id]) => Number(id));
  const participants = invited.map(([id, a]) => {
    const p: MeetingRecordBody['participants'][number] = { agency: Number(id), role: roleOfAgency(kinds.get(Number(id)) ?? ''), attendance: a };
    const on = input.invited?.[Number(id)]?.trim();
    if (on) p.invited_on = on;
    const contact = input.contacts?.[Number(id)]?.trim();
    if (contact) p.contact_details = contact;
    return p;
  });
  const record: MeetingRecordBody = { participants };
  const decisions = (input.decisions ?? '').split('\n').map((d) => d.trim()).filter(Boolean);
  if (decisions.length > 0) record.decisions = decisions;
  const actionAt: number[] = [];
  const actions: NonNullable<MeetingRecordBody['actions']> = [];
  (input.actions ?? []).forEach((a, row) => {
    if (!a.description.trim() && !a.owner && !a.due) return;
    const action: NonNullable<MeetingRecordBody['actions']>[number] = { description: a.description.trim(), due: a.due || null };
    const [kind, id] = a.owner.split(':');
    if (kind === 'p' && Number(id) > 0) action.owner = Number(id);
    if (kind === 'a' && Number(id) > 0) action.owner_agency = Number(id);
    actions.push(action);
    actionAt.push(row);
  });
  if (actions.length > 0) record.actions = actions;
  if ((input.quorumOverride ?? '').trim()) record.quorum_override_reason = (input.quorumOverride ?? '').trim();
  return { record, agencyAt, actionAt };
}

/** The form's field keys for a meeting's controls: attendance and invitation per agency, each action's parts. */
export const attendanceKey = (agency: number) => `attendance-${agency}`;
export const invitedKey = (agency: number) => `invited-${agency}`;
export const contactKey = (agency: number) => `contact-${agency}`;
export const actionKey = (row: number, part: 'description' | 'owner' | 'due') => `action-${row}-${part}`;

/**
 * Where a refusal goes on the form: a path under "record" (as the server names it, e.g.
 * "record.participants[2].attendance", "record.actions[0].due") to the control it is about;
 * the whole attendance ("record.participants", "attendance", "record") beside the attendance.
 */
export function caseworkField(field: string, agencyAt: number[] = [], actionAt: number[] = []): string {
  const participant = /^record\.participants\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (participant) {
    const agency = agencyAt[Number(participant[1])];
    if (agency === undefined) return 'attendance';
    if (participant[2] === 'invited_on') return invitedKey(agency);
    return participant[2] === 'contact_details' ? contactKey(agency) : attendanceKey(agency);
  }
  const action = /^record\.actions\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (action) {
    const row = actionAt[Number(action[1])] ?? Number(action[1]);
    const part = action[2] === 'due' ? 'due' : action[2] === 'description' ? 'description' : 'owner';
    return actionKey(row, part);
  }
  if (field === 'record.decisions' || field.startsWith('record.decisions[')) return 'decisions';
  if (field === 'record.quorum_override_reason') return 'quorum';
  return field === 'attendance' || field === 'record' || field.startsWith('record.') ? 'attendance' : field;
}

/** The latest meeting's members and how to reach them, for "who to contact" on the case. */
export interface CoreGroupContacts {
  kind: string;
  heldOn: string;
  members: { agency: number | null; role: string; attendance: string; contact: string }[];
}

/**
 * Who the core group is now: the agencies invited to the latest conference or core group of
 * the open child protection plan's time (the most recent meeting held, whichever kind), with
 * the contact details agreed there. Null when no meeting recorded anyone.
 */
export function coreGroupContacts(records: CaseRecords): CoreGroupContacts | null {
  const meetings = [
    ...(records.initial_conferences ?? []).map((m) => ({ kind: 'initial conference', m })),
    ...(records.core_group_meetings ?? []).map((m) => ({ kind: 'core group meeting', m })),
    ...(records.review_conferences ?? []).map((m) => ({ kind: 'review conference', m })),
  ].filter(({ m }) => (m.record.participants ?? []).length > 0);
  if (meetings.length === 0) return null;
  // The latest held; on the same day a core group follows the conference that set it up.
  const order = (k: string) => (k === 'core group meeting' ? 1 : 0);
  meetings.sort((a, b) => (a.m.held_on === b.m.held_on ? order(a.kind) - order(b.kind) || a.m.id - b.m.id : a.m.held_on < b.m.held_on ? -1 : 1));
  const latest = meetings[meetings.length - 1];
  return {
    kind: latest.kind,
    heldOn: latest.m.held_on,
    members: (latest.m.record.participants ?? []).map((p) => ({
      agency: p.agency ?? null,
      role: p.role,
      attendance: p.attendance,
      contact: (p.contact_details ?? '').trim(),
    })),
  };
}
