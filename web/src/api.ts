// Every call to the Safehub API goes through here. It
//  - sends the session cookie (same origin; the cookie is HttpOnly, the UI never sees it),
//  - adds the CSRF token from the login response or GET /api/v1/session as X-CSRF-Token
//    to every state-changing request,
//  - turns a 401 into "your session has ended" (the app goes back to the login screen),
//  - answers a 403 whose error.field is "reason" by asking the user why they are opening
//    the record and retrying once with X-Access-Reason; the reason is kept in memory for
//    that child until logout, so one stated reason covers the record, its chronology and
//    what was shared in that visit (each request is still audited with it).
import type {
  Agency,
  AreaChild,
  AgencyCheck,
  AuditEntry,
  AuditVerifyReport,
  CaseloadReallocation,
  CaseloadSummary,
  CaseRead,
  ChronologyEntry,
  ConcernAlert,
  IndicatorReport,
  TeamComparison,
  RecordedStep,
  TrendSeries,
  WorkList,
  ChildEvent,
  ChildRecord,
  MashContact,
  MisuseReview,
  NewUser,
  Practitioner,
  QueuedContact,
  ReleasedMashCheck,
  RagRating,
  ReviewFinding,
  SearchResult,
  SessionInfo,
  UserPlacement,
  SharingDecision,
  SignpostingAnswer,
  SignpostingNotification,
  Team,
  User,
} from './types';
import type { ChildMerges, DecisionResult, PersonMerge, ReviewDecision, ReviewPage } from './reviewQueue';

export interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; violations?: { field: string; message: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string = '',
    readonly violations: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the reason prompt is told: which record and what the server said. */
export interface ReasonRequest {
  key: string;
  what: string;
  message: string;
}

export type ReasonAsker = (request: ReasonRequest) => Promise<string | null>;

interface Hooks {
  onUnauthenticated: (message: string) => void;
  askReason: ReasonAsker;
}

let hooks: Hooks = {
  onUnauthenticated: () => undefined,
  askReason: async () => null,
};
let csrfToken = '';
const reasons = new Map<string, string>();
const pendingReasons = new Map<string, Promise<string | null>>();

export function configureApi(h: Hooks): void {
  hooks = h;
}

/** Forgets the CSRF token and every stated reason (logout, expiry). */
export function forgetSession(): void {
  csrfToken = '';
  reasons.clear();
  pendingReasons.clear();
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** A record that may need a stated reason, e.g. "child:42", and how to name it to the user. */
  reason?: { key: string; what: string };
  /** Login and the session probe: a 401 is an answer, not an expiry. */
  quiet401?: boolean;
}

function url(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== '') params.set(k, v);
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's page): fall through with the status text
  }
  const e = body.error ?? {};
  return new ApiError(res.status, e.code ?? 'http_' + res.status, e.message ?? res.statusText, e.field ?? '', e.violations ?? []);
}

async function askReasonOnce(key: string, what: string, message: string): Promise<string | null> {
  const pending = pendingReasons.get(key);
  if (pending) return pending;
  const p = hooks.askReason({ key, what, message }).finally(() => pendingReasons.delete(key));
  pendingReasons.set(key, p);
  return p;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const reason = options.reason ? reasons.get(options.reason.key) : undefined;
    if (reason) headers['X-Access-Reason'] = reason;
    const res = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      return (await res.json()) as T;
    }
    const err = await errorFrom(res);
    if (res.status === 401 && !options.quiet401) {
      forgetSession();
      hooks.onUnauthenticated(err.message);
      throw err;
    }
    if (res.status === 403 && err.field === 'reason' && options.reason && attempt === 0) {
      const given = await askReasonOnce(options.reason.key, options.reason.what, err.message);
      if (given === null) throw new ApiError(403, 'reason_not_given', 'You chose not to state a reason, so the record was not opened.', 'reason');
      reasons.set(options.reason.key, given);
      continue;
    }
    throw err;
  }
}

// --- session ---------------------------------------------------------------------------

export async function login(username: string, password: string, totpCode?: string): Promise<SessionInfo> {
  const body: Record<string, string> = { username, password };
  if (totpCode) body.totp_code = totpCode;
  const s = await request<SessionInfo>('POST', '/api/v1/session', { body, quiet401: true });
  csrfToken = s.csrf_token;
  return s;
}

/** The signed-in user, or null when there is no valid session. */
export async function currentSession(): Promise<SessionInfo | null> {
  try {
    const s = await request<SessionInfo>('GET', '/api/v1/session', { quiet401: true });
    csrfToken = s.csrf_token;
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout(): Promise<void> {
  try {
    await request<void>('DELETE', '/api/v1/session', { quiet401: true });
  } finally {
    forgetSession();
  }
}

// --- children --------------------------------------------------------------------------

export interface SearchQuery {
  name?: string;
  date_of_birth?: string;
  nhs_number?: string;
  upn?: string;
}

export function searchChildren(q: SearchQuery): Promise<SearchResult> {
  return request<SearchResult>('GET', '/api/v1/children', { query: { ...q } });
}

function childReason(childId: number, override: boolean) {
  return override
    ? { key: `override:${childId}`, what: `override shielding for child ${childId}` }
    : { key: `child:${childId}`, what: `child ${childId}` };
}

function overrideQuery(override: boolean) {
  return override ? { override_shielding: 'true' } : {};
}

export function getChild(childId: number, override = false): Promise<ChildRecord> {
  return request<ChildRecord>('GET', `/api/v1/children/${childId}`, {
    query: overrideQuery(override),
    reason: childReason(childId, override),
  });
}

/** Ends one of the child's involvements on a day (the practitioner named on it, or a manager of its team). */
export function endInvolvement(childId: number, involvementId: number, endedOn: string): Promise<{ id: number; ended_on: string }> {
  return request<{ id: number; ended_on: string }>('POST', `/api/v1/children/${childId}/involvements/${involvementId}/end`, {
    body: { ended_on: endedOn },
    reason: childReason(childId, false),
  });
}

/** A manager hands an involvement to another practitioner of the agency from a day. */
export function reallocateInvolvement(
  childId: number,
  involvementId: number,
  practitionerId: number,
  on: string,
): Promise<{ id: number; ended_involvement_id: number }> {
  return request<{ id: number; ended_involvement_id: number }>(
    'POST',
    `/api/v1/children/${childId}/involvements/${involvementId}/reallocation`,
    { body: { practitioner_id: practitionerId, on }, reason: childReason(childId, false) },
  );
}

export async function getEvents(childId: number, override = false): Promise<ChildEvent[]> {
  const r = await request<{ events: ChildEvent[] }>('GET', `/api/v1/children/${childId}/events`, {
    query: overrideQuery(override),
    reason: childReason(childId, override),
  });
  return r.events;
}

/** The MASH answers agencies have released about the child (never those still inside the hub). */
export async function getReleasedMashChecks(childId: number, override = false): Promise<ReleasedMashCheck[]> {
  const r = await request<{ mash_checks: ReleasedMashCheck[] }>('GET', `/api/v1/children/${childId}/mash-checks`, {
    reason: childReason(childId, override),
  });
  return r.mash_checks;
}

export async function getSharingDecisions(childId: number, override = false): Promise<SharingDecision[]> {
  const r = await request<{ sharing_decisions: SharingDecision[] }>('GET', `/api/v1/children/${childId}/sharing-decisions`, {
    reason: childReason(childId, override),
  });
  return r.sharing_decisions;
}

// --- directory -------------------------------------------------------------------------

let agenciesCache: Promise<Agency[]> | null = null;

export function listAgencies(): Promise<Agency[]> {
  if (!agenciesCache) {
    agenciesCache = request<{ agencies: Agency[] }>('GET', '/api/v1/agencies').then((r) => r.agencies);
    agenciesCache.catch(() => {
      agenciesCache = null;
    });
  }
  return agenciesCache;
}

// --- audit (auditors) ------------------------------------------------------------------

export async function childAudit(childId: number, limit = 200): Promise<AuditEntry[]> {
  const r = await request<{ entries: AuditEntry[] }>('GET', `/api/v1/children/${childId}/audit`, {
    query: { limit: String(limit) },
  });
  return r.entries;
}

/** `knownHead`: a head hash kept from an earlier check, which the chain must still hold. */
export function verifyAudit(knownHead = ''): Promise<AuditVerifyReport> {
  const query = knownHead ? `?known_head=${encodeURIComponent(knownHead)}` : '';
  return request<AuditVerifyReport>('GET', `/api/v1/audit/verify${query}`);
}

export function listTeams(agencyId: number): Promise<Team[]> {
  return request<{ teams: Team[] }>('GET', `/api/v1/agencies/${agencyId}/teams`).then((r) => r.teams);
}

export function listPractitioners(teamId: number): Promise<Practitioner[]> {
  return request<{ practitioners: Practitioner[] }>('GET', `/api/v1/teams/${teamId}/practitioners`).then((r) => r.practitioners);
}

/** How much a practitioner has open (counts only): a manager of their team, or themself. */
export function getCaseload(practitionerId: number): Promise<CaseloadSummary> {
  return request<CaseloadSummary>('GET', `/api/v1/practitioners/${practitionerId}/caseload`);
}

/**
 * A manager hands every open involvement of a practitioner to another of the agency from a
 * day; a manager of wider scope than a team states the reason each child's record asks for.
 */
export function reallocateCaseload(from: number, to: number, on: string, reason: string): Promise<CaseloadReallocation> {
  return request<CaseloadReallocation>('POST', `/api/v1/practitioners/${from}/caseload/reallocation`, {
    body: { practitioner_id: to, on },
    query: { reason: reason.trim() || undefined },
  });
}

// Administrators: the area's directory.
export async function createAgency(a: Omit<Agency, 'id'>): Promise<{ id: number }> {
  const r = await request<{ id: number }>('POST', '/api/v1/agencies', { body: a });
  agenciesCache = null;  // every page that lists agencies sees the new one
  return r;
}

export function createTeam(agencyId: number, t: Omit<Team, 'id' | 'agency_id'>): Promise<{ id: number }> {
  return request<{ id: number }>('POST', `/api/v1/agencies/${agencyId}/teams`, { body: t });
}

/** Renames a team or changes its phones (its agency stays). */
export async function updateAgency(agencyId: number, a: Pick<Agency, 'name' | 'code'>): Promise<{ id: number }> {
  const r = await request<{ id: number }>('PUT', `/api/v1/agencies/${agencyId}`, { body: a });
  agenciesCache = null;  // every page that lists agencies sees the new name
  return r;
}

export function updateTeam(teamId: number, t: Omit<Team, 'id' | 'agency_id'>): Promise<{ id: number }> {
  return request<{ id: number }>('PUT', `/api/v1/teams/${teamId}`, { body: t });
}

export function createPractitioner(teamId: number, p: Omit<Practitioner, 'id' | 'team_id'>): Promise<{ id: number }> {
  return request<{ id: number }>('POST', `/api/v1/teams/${teamId}/practitioners`, { body: p });
}

/** A practitioner's new team (of their agency) and details; counts the cases left with the old team. */
export function updatePractitioner(
  practitionerId: number,
  p: Omit<Practitioner, 'id'>,
): Promise<{ id: number; open_involvements_with_old_team: number }> {
  return request<{ id: number; open_involvements_with_old_team: number }>('PUT', `/api/v1/practitioners/${practitionerId}`, { body: p });
}

// --- MASH front door -------------------------------------------------------------------

export function mashQueue(): Promise<QueuedContact[]> {
  return request<{ contacts: QueuedContact[] }>('GET', '/api/v1/mash/contacts').then((r) => r.contacts);
}

/** The hub's area-wide search: name and date of birth only, audited with the stated reason. */
export function searchArea(name: string, dateOfBirth: string, reason: string): Promise<{ children: AreaChild[]; more: boolean }> {
  return request<{ children: AreaChild[]; more: boolean }>('GET', '/api/v1/mash/children', {
    query: { name, date_of_birth: dateOfBirth || undefined },
    headers: { 'X-Access-Reason': reason },
  });
}

export function recordContact(c: { child_id: number; source: string; summary: string }): Promise<{ id: number }> {
  return request<{ id: number }>('POST', '/api/v1/mash/contacts', { body: c });
}

export function requestChecks(contactId: number, agencyIds: number[]): Promise<{ check_ids: number[] }> {
  return request<{ check_ids: number[] }>('POST', `/api/v1/mash/contacts/${contactId}/checks`, { body: { agency_ids: agencyIds } });
}

export function rateContact(contactId: number, rating: RagRating): Promise<MashContact> {
  return request<MashContact>('POST', `/api/v1/mash/contacts/${contactId}/rating`, { body: { rating } });
}

export function decideContact(contactId: number, decision: string): Promise<void> {
  return request<unknown>('POST', `/api/v1/mash/contacts/${contactId}/decision`, { body: { decision } }).then(() => undefined);
}

export function myAgencyChecks(): Promise<AgencyCheck[]> {
  return request<{ checks: AgencyCheck[] }>('GET', '/api/v1/mash/checks').then((r) => r.checks);
}

export function answerCheck(checkId: number, findings: string): Promise<void> {
  return request<unknown>('POST', `/api/v1/mash/checks/${checkId}/answer`, { body: { findings } }).then(() => undefined);
}

export function releaseCheck(checkId: number): Promise<void> {
  return request<unknown>('POST', `/api/v1/mash/checks/${checkId}/release`, { body: {} }).then(() => undefined);
}

// --- signposting -----------------------------------------------------------------------

export interface SignpostingQuery {
  name?: string;
  date_of_birth?: string;
  nhs_number?: string;
  upn?: string;
}

/** The reason goes in the X-Access-Reason header, so it never lands in a URL or a log of URLs. */
/** (A header carries only printable ASCII; a reason with other characters goes as ?reason=.) */
export function signpost(q: SignpostingQuery, reason: string): Promise<SignpostingAnswer[]> {
  const ascii = /^[\x20-\x7e]*$/.test(reason);
  return request<{ children: SignpostingAnswer[] }>('GET', '/api/v1/signposting', {
    query: ascii ? { ...q } : { ...q, reason },
    headers: ascii ? { 'X-Access-Reason': reason } : {},
  }).then((r) => r.children);
}

export function myNotifications(): Promise<SignpostingNotification[]> {
  return request<{ notifications: SignpostingNotification[] }>('GET', '/api/v1/notifications').then((r) => r.notifications);
}

export function signpostingAccesses(childId: number): Promise<SignpostingNotification[]> {
  return request<{ accesses: SignpostingNotification[] }>('GET', `/api/v1/children/${childId}/signposting-accesses`).then(
    (r) => r.accesses,
  );
}

// --- misuse reviews (auditors, administrators) -----------------------------------------

export function misuseReviews(all = false): Promise<MisuseReview[]> {
  return request<{ misuse_reviews: MisuseReview[] }>('GET', '/api/v1/misuse-reviews', {
    query: all ? { all: 'true' } : {},
  }).then((r) => r.misuse_reviews);
}

export function reviewMisuse(id: number, finding: Exclude<ReviewFinding, 'open'>, note: string): Promise<void> {
  return request<unknown>('POST', `/api/v1/misuse-reviews/${id}`, { body: { finding, note } }).then(() => undefined);
}

// --- users (administrators) ------------------------------------------------------------

export function listUsers(): Promise<User[]> {
  return request<{ users: User[] }>('GET', '/api/v1/users').then((r) => r.users);
}

export function createUser(u: NewUser): Promise<{ id: number }> {
  return request<{ id: number }>('POST', '/api/v1/users', { body: u });
}

/** Moves a user to another role, scope or practitioner (and so team); 409 for the last administrator. */
export function changeUser(id: number, p: UserPlacement): Promise<User> {
  return request<{ user: User }>('PUT', `/api/v1/users/${id}`, { body: p }).then((r) => r.user);
}

export function setUserDisabled(id: number, disabled: boolean): Promise<User> {
  return request<{ user: User }>('POST', `/api/v1/users/${id}/${disabled ? 'disable' : 'enable'}`).then((r) => r.user);
}

/** A one-time temporary password: show it once, never store it. It stops working at expires_at. */
export function issueTemporaryPassword(id: number): Promise<{ password: string; expiresAt: string }> {
  return request<{ temporary_password: string; expires_at: string }>('POST', `/api/v1/users/${id}/temporary-password`).then(
    (r) => ({ password: r.temporary_password, expiresAt: r.expires_at }),
  );
}

/** The caller's own password (required after a temporary one). */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<unknown>('POST', '/api/v1/session/password', {
    body: { current_password: currentPassword, new_password: newPassword },
  }).then(() => undefined);
}

// --- casework, alerts, performance -----------------------------------------------------

export function getCasework(childId: number, override = false): Promise<CaseRead> {
  return request<CaseRead>('GET', `/api/v1/children/${childId}/casework`, { reason: childReason(childId, override) });
}

/** Records one step: {"step": "hold strategy discussion", ...fields}; 422 names each field refused. */
export function recordStep(childId: number, step: Record<string, unknown>): Promise<RecordedStep> {
  return request<RecordedStep>('POST', `/api/v1/children/${childId}/casework/steps`, {
    body: step,
    reason: childReason(childId, false),
  });
}

export async function getChronology(childId: number, override = false): Promise<ChronologyEntry[]> {
  const r = await request<{ entries: ChronologyEntry[] }>('GET', `/api/v1/children/${childId}/chronology`, {
    query: { format: 'json', ...overrideQuery(override) },
    reason: childReason(childId, override),
  });
  return r.entries;
}

export function getChildAlerts(childId: number, override = false): Promise<ConcernAlert[]> {
  return request<{ alerts: ConcernAlert[] }>('GET', `/api/v1/children/${childId}/alerts`, {
    reason: childReason(childId, override),
  }).then((r) => r.alerts);
}

export function myWork(dueWithin: number): Promise<WorkList> {
  return request<WorkList>('GET', '/api/v1/my-work', { query: { due_within: String(dueWithin) } });
}

export function myAlerts(): Promise<ConcernAlert[]> {
  return request<{ alerts: ConcernAlert[] }>('GET', '/api/v1/alerts').then((r) => r.alerts);
}

export function acknowledgeAlert(id: number, action: string): Promise<ConcernAlert> {
  return request<ConcernAlert>('POST', `/api/v1/alerts/${id}/acknowledge`, { body: { action } });
}

export interface IndicatorQuery {
  from?: string;
  to?: string;
  team?: string;
  children?: boolean;
}

export function indicators(q: IndicatorQuery): Promise<IndicatorReport> {
  return request<IndicatorReport>('GET', '/api/v1/indicators', {
    query: { from: q.from, to: q.to, team: q.team, children: q.children ? 'true' : undefined },
  });
}

export function indicatorsByTeam(from?: string, to?: string): Promise<TeamComparison> {
  return request<TeamComparison>('GET', '/api/v1/indicators/teams', { query: { from, to } });
}

export function indicatorTrends(team?: string): Promise<TrendSeries[]> {
  return request<{ series: TrendSeries[] }>('GET', '/api/v1/indicators/trends', { query: { team } }).then((r) => r.series);
}

export function linkReviews(limit = 20, offset = 0): Promise<ReviewPage> {
  return request<ReviewPage>('GET', '/api/v1/link-reviews', { query: { limit: String(limit), offset: String(offset) } });
}

export function decideLinkReview(id: number, decision: ReviewDecision, reason: string): Promise<DecisionResult> {
  return request<DecisionResult>('POST', `/api/v1/link-reviews/${id}/decision`, { body: { decision, reason } });
}

/** The merges on a child's record: read like the record (reason, audit). */
export function getChildMerges(childId: number, override = false): Promise<ChildMerges> {
  return request<ChildMerges>('GET', `/api/v1/children/${childId}/merges`, { reason: childReason(childId, override) });
}

/** Undoes the merge of `personId` into another (reviewers only), with a reason. */
export function unmergePerson(personId: number, reason: string): Promise<PersonMerge> {
  return request<PersonMerge>('POST', `/api/v1/people/${personId}/unmerge`, { body: { reason } });
}
