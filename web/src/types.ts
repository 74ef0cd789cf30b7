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
  first_bad_sequence: number;
  problem: string;
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
