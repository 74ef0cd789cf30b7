import { describe, expect, it } from 'vitest';
import { ALL_STEPS, caseworkField, meetingRecord, nextStep, roleOfAgency, stepBody, ICPC_STEPS, timescaleText } from './casework';
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
  it('lists the invited agencies with their role, and the quorum reason when given', () => {
    const kinds = new Map([
      [1, 'social_care'],
      [2, 'police'],
      [9, 'housing'],
      [10, 'charity'],
    ]);
    expect(meetingRecord({ 1: 'present', 2: 'apologies', 9: '', 10: 'present' }, kinds, ' ')).toEqual({
      participants: [
        { agency: 1, role: 'social care', attendance: 'present' },
        { agency: 2, role: 'police', attendance: 'apologies' },
        { agency: 10, role: 'other', attendance: 'present' },
      ],
    });
    expect(meetingRecord({}, kinds, 'Police delayed; chair proceeds').quorum_override_reason).toBe('Police delayed; chair proceeds');
    expect(roleOfAgency('school')).toBe('school');
  });
  it('puts refusals about the meeting record beside the attendance', () => {
    expect(caseworkField('attendance')).toBe('attendance');
    expect(caseworkField('record.participants[1].role')).toBe('attendance');
    expect(caseworkField('held_on')).toBe('held_on');
  });
});

describe('every step', () => {
  it('has a form, and sends lists and workers in the shapes the API reads', () => {
    expect(new Set(ALL_STEPS.map((s) => s.step)).size).toBe(17);
    const complete = ALL_STEPS.find((s) => s.step === 'complete assessment')!;
    expect(stepBody(complete, { completed_on: '2024-05-24', outcome: 'cin plan', factors: '2B, 3A,' })).toEqual({
      step: 'complete assessment',
      completed_on: '2024-05-24',
      outcome: 'cin plan',
      factors: ['2B', '3A'],
    });
    const plan = ALL_STEPS.find((s) => s.step === 'start cp plan')!;
    expect(stepBody(plan, { start: '2024-05-24', category: 'neglect', key_worker: '7' }).key_worker).toBe(7);
  });
});
