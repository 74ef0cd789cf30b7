// The API's JSON shapes as the UI reads them (docs/openapi.yaml). Only what the screens use.

export type Role = 'practitioner' | 'manager' | 'safeguarding_lead' | 'administrator' | 'auditor';
export type Scope = 'own' | 'team' | 'agency' | 'all';
export type Significance = 'low' | 'medium' | 'high';

export interface Principal {
  user_id: number;
  username: string;
  role: Role;
  scope: Scope;
  practitioner_id: number | null;
  team_id: number | null;
  agency_id: number | null;
}

export interface SessionInfo {
  user: Principal;
  csrf_token: string;
  expires_at?: string;
  /** After a temporary password: nothing else works until the user chooses their own. */
  must_change_password?: boolean;
}

export interface Person {
  id: number;
  kind: 'child' | 'adult' | 'unborn_child';
  first_name: string;
  middle_names: string;
  surname: string;
  sex: 'M' | 'F' | 'U';
  date_of_birth: string | null;
  expected_birth_date: string | null;
  date_of_death: string | null;
  mother_id: number | null;
  nhs_number: string;
  upn: string;
  ethnicity: string;
  shielding: 'none' | 'refuge' | 'marac' | 'other';
}

export interface SearchResult {
  children: Person[];
  outside_scope: number;
}

export interface Involvement {
  id: number;
  team_id: number;
  team_name: string;
  agency_id: number;
  agency_name: string;
  agency_kind: string;
  practitioner_id: number | null;
  practitioner_name: string;
  contact_phone: string;
  service: string;
  role: string;
  started_on: string;
  ended_on: string | null;
  sensitive: boolean;
  masked: boolean;
}

export interface HouseholdMember {
  person: Person;
  from: string;
  to: string | null;
}

export interface Household {
  id: number;
  address: string;
  postcode: string;
  from: string;
  to: string | null;
  members: HouseholdMember[];
}

export type RelationshipKind =
  | 'parent'
  | 'child'
  | 'sibling'
  | 'half_sibling'
  | 'partner_of_parent'
  | 'grandparent'
  | 'carer'
  | 'adult_posing_risk'
  | 'other';

export interface Relationship {
  person_id: number;
  other_id: number;
  kind: RelationshipKind;
  from: string;
  to: string | null;
  other: Person;
}

export type AccessBasis = 'own_involvement' | 'team_involvement' | 'agency_involvement' | 'all_scope';

export interface ChildRecord {
  person: Person;
  access_basis: AccessBasis;
  shielded_view: boolean;
  shield_overridden: boolean;
  involvements: Involvement[];
  households: Household[];
  relationships: Relationship[];
  /** Set when a reviewer merged this person into another child: that record is the whole one. */
  merged_into?: number | null;
}

export interface ChildEvent {
  id: number;
  child_id: number;
  agency_id: number;
  recorded_by: number | null;
  kind: string;
  occurred_on: string;
  recorded_at: string;
  summary: string;
  significance: Significance;
  source_reference: string;
}

export interface Agency {
  id: number;
  name: string;
  kind: string;
  code: string;
}

export interface AuditEntry {
  sequence: number;
  at: string;
  user_id: number | null;
  username: string;
  role: string;
  action: string;
  resource: string;
  child_id: number | null;
  reason: string;
  basis: string;
  outcome: 'allowed' | 'denied' | 'failed';
  detail: string;
  hash: string;
}

export interface AuditVerifyReport {
  intact: boolean;
  entries: number;
  head_hash: string;
  /** 0 when the problem is a kept head hash the trail no longer holds. */
  first_bad_sequence: number;
  problem: string;
  /** The entry the kept head hash is; 0 when none was given or it was not found. */
  known_head_sequence: number;
}

export interface SharingDecision {
  id: number;
  child_id: number;
  from_agency_id: number;
  to_agency_id: number;
  decided_by: number | null;
  decided_at: string;
  information: string;
  purpose: string;
  basis: string;
  outcome: 'shared' | 'not_shared';
  parents_informed: string;
  parents_informed_note: string;
}

// --- MASH front door (src/http/api_mash.cc) ----------------------------------------------

export type RagRating = 'red' | 'amber' | 'green';
export type CheckStatus = 'requested' | 'answered' | 'released';

export interface AgencyCheck {
  id: number;
  contact_id: number;
  agency_id: number;
  status: CheckStatus;
  findings: string;
  answered_at: string | null;
  released_at: string | null;
}

export interface MashContact {
  id: number;
  child_id: number;
  source: string;
  summary: string;
  received_at: string;
  rating: RagRating | null;
  due_at: string | null;
  status: 'open' | 'decided';
  decision: string;
}

/** A contact as the queue lists it: with its checks and its clock. */
export interface QueuedContact extends MashContact {
  /** Whom the contact is about (the child's name and date of birth; reading them is audited). */
  child_name: string;
  child_date_of_birth: string | null;
  checks: AgencyCheck[];
  escalated: boolean;
  /** Negative when overdue; 0 when not yet rated. */
  seconds_left: number;
}

// --- signposting (src/http/api_signposting.cc) -------------------------------------------

export type PlanType = 'child_protection_plan' | 'child_in_need_plan' | 'looked_after' | 'unborn_child_protection_plan';

export interface SignpostedService {
  agency: string;
  team: string;
  service: string;
  contact_phone: string;
}

export interface SignpostingAnswer {
  child_id: number;
  name: string;
  date_of_birth: string | null;
  plan_type: PlanType;
  plan_start: string;
  plan_end: string | null;
  responsible_agency: string;
  responsible_team: string;
  office_phone: string;
  out_of_hours_phone: string;
  shielded: boolean;
  involved: SignpostedService[];
}

export interface SignpostingNotification {
  id: number;
  child_id: number;
  key_worker_id: number;
  username: string;
  agency_name: string;
  reason: string;
  at: string;
}

// --- misuse reviews (src/http/api_audit.cc) ----------------------------------------------

export type ReviewFinding = 'open' | 'justified' | 'misuse';

export interface MisuseReview {
  id: number;
  user_id: number;
  username: string;
  child_id: number;
  reason: string;
  opened_at: string;
  finding: ReviewFinding;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_note: string;
}

// --- users and the directory -------------------------------------------------------------

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  scope: Scope;
  practitioner_id: number | null;
  totp_enabled: boolean;
  locked: boolean;
  disabled: boolean;
  must_change_password?: boolean;
}

/** A child found by the MASH hub's area-wide search: only enough to start a contact. */
export interface AreaChild {
  id: number;
  name: string;
  date_of_birth: string | null;
}

/** An agency's MASH answer after the agency released it beyond the hub. */
export interface ReleasedMashCheck {
  id: number;
  contact_id: number;
  agency_id: number;
  agency_name: string;
  contact_received_at: string;
  answered_at: string;
  released_at: string;
  released_by: string;
  findings: string;
}

export interface UserPlacement {
  role: Role;
  scope: Scope;
  practitioner_id?: number;
}

export interface NewUser {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  scope: Scope;
  practitioner_id?: number;
}

export interface Team {
  id: number;
  agency_id: number;
  name: string;
  office_phone: string;
  out_of_hours_phone: string;
}

export interface Practitioner {
  id: number;
  team_id: number;
  name: string;
  job_title: string;
  email: string;
  phone: string;
}

/** How much a practitioner has open, naming no child (before a manager hands it on). */
export interface CaseloadSummary {
  practitioner_id: number;
  involvements: number;
  as_key_worker: number;
  children: number;
}

/** One involvement of a handed-on caseload, and what became of it. */
export interface CaseloadMove {
  child_id: number;
  /** null for a plan held without a key-worker involvement (older cases). */
  involvement_id: number | null;
  key_worker: boolean;
  moved: boolean;
  new_involvement_id?: number;
  message?: string;
  field?: string;
}

export interface CaseloadReallocation {
  moved: number;
  refused: number;
  moves: CaseloadMove[];
}

// --- casework, alerts, performance (issue 8, second part) ------------------------------

export type TimescaleState = 'open' | 'met' | 'late' | 'not required';

export interface Timescale {
  id: number;
  kind: string;
  started_by: string;
  started_on: string;
  due: string;
  state: TimescaleState;
  /** The state, or "overdue" for an open timescale past its due date. */
  status: TimescaleState | 'overdue';
  referral: number | null;
  plan: number | null;
  completed_on: string | null;
  completed_by: string | null;
  late_reason: string;
  /** Working days past the due day, bank holidays excluded (the server's count); 0 when not overdue. */
  working_days_overdue: number;
}

export interface CaseReferral {
  id: number;
  received_on: string;
  source: string;
  primary_need: string;
  decided_on: string | null;
  decision: string | null;
  open: boolean;
}

export interface CasePlan {
  id: number;
  start: string;
  ended_on: string | null;
  open: boolean;
  category?: string;
}

export interface CaseEnquiry {
  id: number;
  referral: number;
  started_on: string;
  completed_on: string | null;
  outcome: string | null;
}

/** One invited agency at a conference or core group, as recorded. */
export interface MeetingParticipant {
  agency?: number | null;
  role: string;
  attendance: string;
  invited_on?: string | null;
  contact_details?: string;
}

/** A conference or core group meeting of the case (only what the screens use). */
export interface CaseMeeting {
  id: number;
  held_on: string;
  record: { participants?: MeetingParticipant[] };
}

export interface CaseRecords {
  referrals: CaseReferral[];
  initial_conferences?: CaseMeeting[];
  core_group_meetings?: CaseMeeting[];
  review_conferences?: CaseMeeting[];
  section47_enquiries: CaseEnquiry[];
  strategy_discussions: { id: number; referral: number; held_on: string; decision: string; enquiry: number | null }[];
  child_protection_plans: CasePlan[];
  child_in_need_plans: CasePlan[];
}

export interface CaseRead {
  child: number;
  as_of: string;
  records: CaseRecords;
  steps: { sequence: number; step: { step: string } & Record<string, unknown>; recorded_at: string | null }[];
  timescales: Timescale[];
  open_timescales: Timescale[];
  next_due: Timescale | null;
}

export interface RecordedStep {
  record: string;
  record_kind: string;
  sequence: number;
  open_timescales: Timescale[];
}

export interface WorkItem extends Timescale {
  /** Working days from today to the due day (due today: 0); 0 when overdue. */
  working_days_left: number;
  child: number;
  child_name: string;
  key_worker: number | null;
}

export interface WorkList {
  as_of: string;
  /** Whose cases: the caller's, their team's, or their service's (every team of their agency). */
  scope: 'worker' | 'team' | 'service';
  due_within_working_days: number;
  cases: number;
  overdue: WorkItem[];
  due_soon: WorkItem[];
}

export interface AlertEvidence {
  event_id: number;
  child_id: number;
  agency_id: number;
  agency_kind: string;
  kind: string;
  occurred_on: string;
}

export interface ConcernAlert {
  id: number;
  rule_id: string;
  rule_title: string;
  scope: 'child' | 'household';
  child_id: number | null;
  household_id: number | null;
  children: number[];
  severity: number;
  explanation: string;
  suggested_action: string;
  evidence: AlertEvidence[];
  first_on: string;
  last_on: string;
  status: string;
  acknowledged_action: string;
  acknowledged_by: string;
  acknowledged_at: string | null;
  held_at?: string;
  escalated?: boolean;
}

export interface ChronologyEntry {
  agency: number;
  agency_name: string;
  date: string;
  kind: string;
  person: number;
  person_name: string;
  reference: string;
  significance: string;
  source: string;
  summary: string;
}

export interface IndicatorChild {
  child: string | number; // the census LAchildID
  child_id: number | null; // the child's record id, when the LAchildID is one
  record: string;
  date: string;
  counted: boolean;
  detail: string;
  can_open?: boolean; // whether the viewer may open the child's record now
  reason_required?: boolean; // opening it needs a stated reason (wide scope)
}

export interface Indicator {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  percent: number | null;
  breakdown: { label: string; numerator: number; denominator: number }[];
  children: IndicatorChild[];
}

export interface IndicatorReport {
  from: string;
  to: string;
  team_id: number;
  worker_id: number;
  indicators: Indicator[];
}

export interface TeamIndicatorValue {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface TeamComparison {
  from: string;
  to: string;
  teams: { team_id: number; team_name: string; indicators: TeamIndicatorValue[] }[];
}

export interface TrendSeries {
  key: string;
  name: string;
  points: { month: string; numerator: number; denominator: number; percent: number | null }[];
}
