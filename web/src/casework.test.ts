import { describe, expect, it } from 'vitest';
import {
  actionKey,
  ALL_STEPS,
  attendanceKey,
  caseworkField,
  contactKey,
  coreGroupContacts,
  formId,
  invitedKey,
  meetingRecord,
  nextStep,
  roleOfAgency,
  stepBody,
  ICPC_STEPS,
  timescaleText,
} from './casework';
import { indicatorValue, monthLabel, niceMax, scale, ticks } from './chart';

const open = { state: 'open' as const, status: 'open' as const, late_reason: '', completed_on: null, working_days_overdue: 0 };

describe('timescaleText', () => {
  it('says when an open timescale is due', () => {
    expect(timescaleText({ ...open, due: '2024-05-24' }, '2024-05-20')).toEqual({ tone: 'due', text: 'due 24 May 2024' });
    expect(timescaleText({ ...open, due: '2024-05-24' }, '2024-05-24').text).toBe('due today (24 May 2024)');
  });
  it("says the server's count of overdue working days", () => {
    // due Friday 24 May 2024; by Wednesday 29 May, 2 working days (Monday 27 May was a bank holiday)
    expect(timescaleText({ ...open, status: 'overdue', due: '2024-05-24', working_days_overdue: 2 }, '2024-05-29')).toEqual({
      tone: 'overdue',
      text: 'overdue by 2 working days',
    });
    expect(timescaleText({ ...open, due: '2024-05-24', working_days_overdue: 1 }, '2024-05-28').text).toBe('overdue by 1 working day');
    // past its due day but no working day since (read on the Saturday): overdue, not "0 days"
    expect(timescaleText({ ...open, due: '2024-05-24', working_days_overdue: 0 }, '2024-05-25').text).toBe('overdue by 1 working day');
  });
  it('says how many working days are left when the server sent them', () => {
    expect(timescaleText({ ...open, due: '2024-05-28', working_days_left: 1 }, '2024-05-24').text).toBe('due 28 May 2024 (1 working day left)');
    expect(timescaleText({ ...open, due: '2024-05-31', working_days_left: 4 }, '2024-05-24').text).toBe('due 31 May 2024 (4 working days left)');
  });
  it('says met, late with its reason, and not required', () => {
    expect(timescaleText({ ...open, due: '2024-05-24', state: 'met', status: 'met', completed_on: '2024-05-23' }, '2024-06-01').text).toBe(
      'met (23 May 2024)',
    );
    expect(
      timescaleText({ ...open, due: '2024-05-24', state: 'late', status: 'late', late_reason: 'interpreter not available' }, '2024-06-01'),
    ).toEqual({ tone: 'late', text: 'late: interpreter not available' });
    expect(timescaleText({ ...open, due: '2024-05-24', state: 'not required', status: 'not required' }, '2024-06-01').text).toBe(
      'not required',
    );
  });
});

describe('stepBody', () => {
  it('leaves out empty optional fields and keeps required ones as null so the server names them', () => {
    const strategy = ICPC_STEPS.find((s) => s.step === 'hold strategy discussion')!;
    expect(stepBody(strategy, { held_on: '2024-05-24', decision: 's47', late_reason: ' ' })).toEqual({
      step: 'hold strategy discussion',
      held_on: '2024-05-24',
      decision: 's47',
    });
    expect(stepBody(strategy, { held_on: '' })).toEqual({ step: 'hold strategy discussion', held_on: null, decision: null });
  });
});

describe('chart scaling', () => {
  it('rounds the top of the axis up to a nice number', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(19)).toBe(20);
    expect(niceMax(94.7)).toBe(100);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(220)).toBe(250);
    expect(niceMax(0.3)).toBe(0.5);
  });
  it('spaces ticks evenly and scales values into the axis', () => {
    expect(ticks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(scale(50, 100, 200)).toBe(100);
    expect(scale(150, 100, 200)).toBe(200);
    expect(scale(-3, 100, 200)).toBe(0);
    expect(scale(5, 0, 200)).toBe(0);
  });
  it('charts a percentage when there is one, else the count', () => {
    expect(indicatorValue({ percent: 42.1, numerator: 8 })).toEqual({ value: 42.1, percent: true });
    expect(indicatorValue({ percent: null, numerator: 19 })).toEqual({ value: 19, percent: false });
    expect(monthLabel('2024-03')).toBe('Mar 2024');
  });
});

describe('nextStep', () => {
  it('follows the ICPC path by the decision taken', () => {
    expect(nextStep('receive referral', {})).toBe('decide on referral');
    expect(nextStep('decide on referral', { decision: 'strategy discussion' })).toBe('hold strategy discussion');
    expect(nextStep('decide on referral', { decision: 'assessment' })).toBe('start assessment');
    expect(nextStep('decide on referral', { decision: 'early help' })).toBeNull();
    expect(nextStep('hold strategy discussion', { decision: 's47' })).toBe('complete s47 enquiry');
    expect(nextStep('complete s47 enquiry', { outcome: 'icpc' })).toBe('hold initial conference');
    expect(nextStep('hold initial conference', { decision: 'plan' })).toBe('start cp plan');
    expect(nextStep('hold initial conference', { decision: 'no plan' })).toBeNull();
  });
});

describe('conference attendance', () => {
  const kinds = new Map([
    [1, 'social_care'],
    [2, 'police'],
    [9, 'housing'],
    [10, 'charity'],
  ]);
  it('lists the invited agencies with their role, and the quorum reason when given', () => {
    expect(meetingRecord({ attendance: { 1: 'present', 2: 'apologies', 9: '', 10: 'present' }, quorumOverride: ' ' }, kinds)).toEqual({
      record: {
        participants: [
          { agency: 1, role: 'social care', attendance: 'present' },
          { agency: 2, role: 'police', attendance: 'apologies' },
          { agency: 10, role: 'other', attendance: 'present' },
        ],
      },
      agencyAt: [1, 2, 10],
      actionAt: [],
    });
    expect(meetingRecord({ attendance: {}, quorumOverride: 'Police delayed; chair proceeds' }, kinds).record.quorum_override_reason).toBe(
      'Police delayed; chair proceeds',
    );
    expect(roleOfAgency('school')).toBe('school');
  });
  it('sends invitations, decisions and actions with owners and dates, leaving blank rows out', () => {
    const built = meetingRecord(
      {
        attendance: { 1: 'present', 2: 'report sent', 9: 'absent' },
        invited: { 2: '2024-05-10', 9: ' ' },
        decisions: 'Contingency plan agreed\n\n  Weekly visits  ',
        actions: [
          { description: 'Weekly home visits', owner: 'p:7', due: '2024-06-07' },
          { description: '', owner: '', due: '' },
          { description: 'Send attendance figures', owner: 'a:9', due: '' },
        ],
      },
      kinds,
    );
    expect(built.record).toEqual({
      participants: [
        { agency: 1, role: 'social care', attendance: 'present' },
        { agency: 2, role: 'police', attendance: 'report sent', invited_on: '2024-05-10' },
        { agency: 9, role: 'housing', attendance: 'absent' },
      ],
      decisions: ['Contingency plan agreed', 'Weekly visits'],
      actions: [
        { description: 'Weekly home visits', owner: 7, due: '2024-06-07' },
        { description: 'Send attendance figures', owner_agency: 9, due: null },
      ],
    });
    expect(built.actionAt).toEqual([0, 2]);
  });
  it('puts each refusal about the meeting record beside its control', () => {
    const agencyAt = [1, 2, 10];
    expect(caseworkField('record.participants[2].attendance', agencyAt)).toBe(attendanceKey(10));
    expect(caseworkField('record.participants[1].role', agencyAt)).toBe(attendanceKey(2));
    expect(caseworkField('record.participants[0].invited_on', agencyAt)).toBe(invitedKey(1));
    expect(caseworkField('record.participants[1].contact_details', agencyAt)).toBe(contactKey(2));
    expect(caseworkField('record.participants[7].attendance', agencyAt)).toBe('attendance');
    expect(caseworkField('record.participants', agencyAt)).toBe('attendance');
    // the second action sent was the third row of the form (a blank row was left out)
    expect(caseworkField('record.actions[1].due', agencyAt, [0, 2])).toBe(actionKey(2, 'due'));
    expect(caseworkField('record.actions[0].owner', agencyAt, [0, 2])).toBe(actionKey(0, 'owner'));
    expect(caseworkField('record.decisions')).toBe('decisions');
    expect(caseworkField('record.quorum_override_reason')).toBe('quorum');
    expect(caseworkField('attendance')).toBe('attendance');
    expect(caseworkField('held_on')).toBe('held_on');
  });
});

describe('transfer-in and birth', () => {
  it('offers a transfer-in referral and conference, sent as the one conference step with its kind', () => {
    const referral = ALL_STEPS.find((s) => formId(s) === 'receive referral')!;
    expect(stepBody(referral, { received_on: '2024-05-01', source: '5C', kind: 'transfer in' })).toEqual({
      step: 'receive referral',
      received_on: '2024-05-01',
      source: '5C',
      kind: 'transfer in',
    });
    expect(nextStep('receive referral', { kind: 'transfer in' })).toBe('hold transfer-in conference');
    expect(nextStep('receive referral', { kind: 'standard' })).toBe('decide on referral');
    const transfer = ALL_STEPS.find((s) => formId(s) === 'hold transfer-in conference')!;
    expect(transfer.meeting).toBe(true);
    expect(stepBody(transfer, { held_on: '2024-05-15', decision: 'plan' })).toEqual({
      step: 'hold initial conference',
      kind: 'transfer-in',
      held_on: '2024-05-15',
      decision: 'plan',
    });
    expect(stepBody(ALL_STEPS.find((s) => formId(s) === 'hold initial conference')!, { held_on: '2024-05-15', decision: 'plan' }).kind).toBe('initial');
    expect(nextStep('hold transfer-in conference', { decision: 'plan' })).toBe('start cp plan');
    expect(new Set(ALL_STEPS.map(formId)).size).toBe(ALL_STEPS.length);
    expect(ALL_STEPS.some((s) => s.step === 'record birth')).toBe(true);
  });
});

describe('every step', () => {
  it('has a form, and sends lists and workers in the shapes the API reads', () => {
    expect(new Set(ALL_STEPS.map((s) => s.step)).size).toBe(18);
    const complete = ALL_STEPS.find((s) => s.step === 'complete assessment')!;
    expect(stepBody(complete, { completed_on: '2024-05-24', outcome: 'cin plan', factors: '2B, 3A,' })).toEqual({
      step: 'complete assessment',
      completed_on: '2024-05-24',
      outcome: 'cin plan',
      factors: ['2B', '3A'],
    });
    const plan = ALL_STEPS.find((s) => s.step === 'start cp plan')!;
    expect(stepBody(plan, { start: '2024-05-24', category: 'neglect', key_worker: '7' }).key_worker).toBe(7);
    const cin = ALL_STEPS.find((s) => s.step === 'start cin plan')!;
    expect(stepBody(cin, { start: '2024-05-24', key_worker: '7', late_reason: '' })).toEqual({
      step: 'start cin plan',
      start: '2024-05-24',
      key_worker: 7,
    });
    const change = ALL_STEPS.find((s) => s.step === 'change key worker')!;
    expect(stepBody(change, { changed_on: '2024-06-03', key_worker: '9' })).toEqual({
      step: 'change key worker',
      changed_on: '2024-06-03',
      key_worker: 9,
    });
  });
});

describe('the core group and how to reach it', () => {
  const meeting = (id: number, held_on: string, participants: object[]) => ({ id, held_on, record: { participants } }) as never;
  it('sends the contact details agreed for an invited agency, trimmed, and none when blank', () => {
    const kinds = new Map([
      [1, 'social_care'],
      [2, 'police'],
    ]);
    const built = meetingRecord({ attendance: { 1: 'present', 2: 'present' }, contacts: { 1: '  0100 000 0001 ', 2: ' ' } }, kinds);
    expect(built.record.participants).toEqual([
      { agency: 1, role: 'social care', attendance: 'present', contact_details: '0100 000 0001' },
      { agency: 2, role: 'police', attendance: 'present' },
    ]);
  });
  it('is the latest meeting that recorded anyone, a core group after a conference on the same day', () => {
    expect(coreGroupContacts({ referrals: [], section47_enquiries: [], strategy_discussions: [], child_protection_plans: [], child_in_need_plans: [] })).toBeNull();
    const records = {
      referrals: [],
      section47_enquiries: [],
      strategy_discussions: [],
      child_protection_plans: [],
      child_in_need_plans: [],
      initial_conferences: [meeting(1, '2024-05-01', [{ agency: 2, role: 'police', attendance: 'present', contact_details: 'PC Lee 101' }])],
      core_group_meetings: [
        meeting(2, '2024-05-01', [{ agency: 3, role: 'school', attendance: 'present', contact_details: 'DSL 0100' }]),
        meeting(3, '2024-06-01', []),
      ],
      review_conferences: [],
    };
    expect(coreGroupContacts(records)).toEqual({
      kind: 'core group meeting',
      heldOn: '2024-05-01',
      members: [{ agency: 3, role: 'school', attendance: 'present', contact: 'DSL 0100' }],
    });
    records.review_conferences = [meeting(4, '2024-07-01', [{ agency: 2, role: 'police', attendance: 'apologies' }])] as never;
    expect(coreGroupContacts(records)?.kind).toBe('review conference');
    expect(coreGroupContacts(records)?.members[0].contact).toBe('');
  });
});
