// End-to-end tests of the Safehub web UI: a real server on a fresh demo database, Debian's
// Chromium driven by playwright-core (from web/node_modules). Each flow is one test; a
// console error, an uncaught exception or a CSP violation fails the flow it happens in.
// Expected API refusals (401 before login or after expiry, 403 for a refused record or a
// reason still to be given) are the protocol, not errors, and are allowed on /api/ only.
//
//   node tests/e2e/ui.e2e.mjs <safehub-binary> <web-root>
//
// Prints one line per flow, the typed fields each flow needed, then "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const [safehub, webRoot] = process.argv.slice(2);
const artifacts = process.env.SAFEHUB_E2E_ARTIFACTS || path.join(repo, 'build', 'e2e-artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();
const TIMEOUT = 10_000;
// The demo area's size: 300 children in `make test`; bench/ui_paint.sh runs the same flows on
// 20,000 to measure the child page's first paint at the issue's scale.
const CHILDREN = process.env.SAFEHUB_E2E_CHILDREN || '300';

mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'safehub-e2e-'));

// --- the server ------------------------------------------------------------------------

function createDemo(db) {
  const r = spawnSync(safehub, ['demo', '--db', db, '--children', CHILDREN, '--no-serve'], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`safehub demo failed: ${r.stderr}`);
  const logins = {};
  for (const m of r.stdout.matchAll(/^\s.*?\b(demo|admin|auditor|mash) \/ (\S+)\s*$/gm)) logins[m[1]] = m[2];
  for (const who of ['demo', 'admin', 'auditor', 'mash']) if (!logins[who]) throw new Error(`no ${who} login in: ${r.stdout}`);
  return logins;
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(safehub, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '4', '--web-root', webRoot], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving on http:\/\/([\d.]+):(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://${m[1]}:${m[2]}` });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

// --- the API, for setting up and for choosing the children the flows open ---------------

class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  async login(username, password) {
    const res = await fetch(`${this.base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`API login of ${username}: ${res.status} ${await res.text()}`);
    const setCookie = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie().join(';') : res.headers.get('set-cookie');
    this.cookie = /safehub_session=[^;]+/.exec(setCookie ?? '')?.[0] ?? '';
    this.csrf = (await res.json()).csrf_token;
    return this;
  }
  async call(method, p, body, headers = {}) {
    const res = await fetch(`${this.base}${p}`, {
      method,
      headers: {
        Cookie: this.cookie,
        'X-CSRF-Token': this.csrf,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  async get(p, headers) {
    return this.call('GET', p, undefined, headers);
  }
}

const VOWELS = ['a', 'e', 'i', 'o', 'u'];

async function childrenVisibleTo(api) {
  const seen = new Map();
  for (const v of VOWELS) {
    const r = await api.get(`/api/v1/children?name=${v}`);
    for (const c of r.body.children) seen.set(c.id, c);
  }
  return [...seen.values()];
}

// Feeds a child and then a near-duplicate of her until the pair waits in the review queue;
// returns that review (null when no variant queues). How alike two records must be to
// queue rather than link depends on the area's size: the model adds bits for agreeing on a
// surname as rare in the area, so a surname nobody else has links on far less at 20,000
// children than at 300. The tries go from the pair that queues on a small area through
// weaker and stronger variants, first under a surname of its own and then under common
// surnames (whose share of the area, and so whose weight, does not grow with it); each try
// has its own birth year so no try meets another.
async function queuedPair(feeder, reviewer, refPrefix, [first, nearFirst], surname) {
  // [the near-duplicate's birth date relative to 07-21 of the try's year, its sex, what it
  // adds to the surname]
  const variants = [
    [0, '08-21', 'F', ''], // birth month one off
    [0, '08-21', 'F', 'e'], // and a typo in the surname
    [0, '08-21', 'U', ''], // and the sex not known
    [0, '08-21', 'M', ''], // and the sex recorded wrongly
    [0, '07-24', 'F', ''], // a typo in the day
    [0, '08-24', 'F', ''], // month and day off
    [-1, '08-21', 'F', ''], // year and month off
    [0, '07-21', 'F', ''], // the same birth date
  ];
  const surnames = [surname, 'Campbell', 'Matthews', 'Webb'];
  let attempt = 0;
  for (const family of surnames) {
    for (const [yearOff, nearDay, nearSex, typo] of variants) {
      attempt += 1;
      const year = 2019 - (attempt % 12);
      const ref = `${refPrefix}${attempt}`;
      let outcome = '';
      const rows = [
        [`${ref}-1`, first, '2024-05-01', `${year}-07-21`, 'F', family],
        [`${ref}-2`, nearFirst, '2024-05-02', `${year + yearOff}-${nearDay}`, nearSex, `${family}${typo}`],
      ];
      for (const [sourceRef, given, on, dob, sex, name] of rows) {
        const fed = await feeder.call('POST', '/api/v1/feeds/events', {
          rows: [{ source_reference: sourceRef, first_name: given, surname: name, date_of_birth: dob, sex,
            kind: 'police_incident', occurred_on: on, risk: 'low', notification: 'information_only' }],
        });
        if (fed.status !== 200 || fed.body.accepted !== 1) throw new Error(`could not feed ${sourceRef}: ${JSON.stringify(fed.body)}`);
        outcome = fed.body.linked_to_known_child ? 'linked to a known child' : 'a new child';
      }
      for (let offset = 0; ; offset += 100) {
        const queue = await reviewer.get(`/api/v1/link-reviews?limit=100&offset=${offset}`);
        if (queue.status !== 200) throw new Error(`the review queue: ${JSON.stringify(queue.body)}`);
        const found = queue.body.reviews.find((r) => r.arriving.first_name === nearFirst &&
          r.arriving.date_of_birth === `${year + yearOff}-${nearDay}` && r.existing.surname === family);
        if (found) return found;
        if (offset + 100 >= queue.body.total_open) break;
      }
      console.log(`# ${first} ${family} try ${attempt} did not queue on ${CHILDREN} children (the near-duplicate made ${outcome})`);
    }
  }
  return null;
}

async function prepare(base, logins) {
  const admin = await new ApiClient(base).login('admin', logins.admin);
  // A safeguarding lead with agency scope: their access to most children rests on the
  // agency's involvement, which needs a stated reason (the demo user's team scope never does).
  const teams = (await admin.get('/api/v1/agencies/1/teams')).body.teams;
  const cpTeam = teams.find((t) => /child protection/i.test(t.name)) ?? teams[0];
  const practitioners = (await admin.get(`/api/v1/teams/${cpTeam.id}/practitioners`)).body.practitioners;
  const leadPassword = `Lead-${Math.random().toString(36).slice(2)}-e2e`;
  const created = await admin.call('POST', '/api/v1/users', {
    username: 'lead',
    display_name: 'Safeguarding Lead (e2e)',
    password: leadPassword,
    role: 'safeguarding_lead',
    scope: 'agency',
    practitioner_id: practitioners[0].id,
  });
  if (created.status !== 201) throw new Error(`could not create the lead user: ${JSON.stringify(created.body)}`);

  const demo = await new ApiClient(base).login('demo', logins.demo);
  const demoChildren = await childrenVisibleTo(demo);
  const records = [];
  for (const c of demoChildren) {
    const r = await demo.get(`/api/v1/children/${c.id}`);
    const e = await demo.get(`/api/v1/children/${c.id}/events`);
    if (r.status === 200 && e.status === 200) records.push({ child: c, record: r.body, events: e.body.events });
  }
  const ordinary = records
    .filter((x) => x.child.shielding === 'none' && x.record.households.length > 0 && x.record.relationships.length > 0)
    .filter((x) => new Set(x.events.map((e) => e.agency_id)).size >= 2)
    .sort((a, b) => b.events.length - a.events.length);
  if (ordinary.length === 0) throw new Error('no child in the demo user\'s scope has a household and events of two agencies');
  // Prefer a surname whose search also counts matches outside the user's scope.
  let childA = ordinary[0];
  let searchA = null;
  for (const x of ordinary.slice(0, 8)) {
    const s = (await demo.get(`/api/v1/children?name=${encodeURIComponent(x.child.surname)}`)).body;
    if (!searchA || (s.outside_scope > 0 && searchA.outside_scope === 0)) {
      childA = x;
      searchA = s;
    }
    if (s.outside_scope > 0) break;
  }
  const masked = records.find((x) => x.record.involvements.some((i) => i.masked));

  const lead = await new ApiClient(base).login('lead', leadPassword);
  const leadChildren = await childrenVisibleTo(lead);
  const demoIds = new Set(demoChildren.map((c) => c.id));
  // A child outside the demo user's scope (refused), and two children the lead opens only
  // with a reason, through the agency's involvement (one to open, one to cancel).
  let refused = null;
  const reasonNeeded = [];
  for (const c of leadChildren) {
    if (c.shielding !== 'none' || c.id === childA.child.id) continue;
    if (!refused && !demoIds.has(c.id)) {
      const asDemo = await demo.get(`/api/v1/children/${c.id}`);
      if (asDemo.status === 403 && asDemo.body.error.field !== 'reason') refused = c;
    }
    if (reasonNeeded.length < 2) {
      const asLead = await lead.get(`/api/v1/children/${c.id}`);
      if (asLead.status === 403 && asLead.body.error.field === 'reason') reasonNeeded.push(c);
    }
    if (refused && reasonNeeded.length >= 2) break;
  }
  if (!refused) throw new Error('no child outside the demo user\'s scope was found');
  if (reasonNeeded.length < 2) throw new Error('no two children that the lead opens only with a reason were found');
  const [needsReason, cancelled] = reasonNeeded;
  // A shielded child the lead sees only in a shielded view (they do not work with them).
  let shielded = null;
  for (const c of leadChildren.filter((x) => x.shielding !== 'none')) {
    const r = await lead.get(`/api/v1/children/${c.id}`, { 'X-Access-Reason': 'e2e setup: is the view shielded?' });
    if (r.status === 200 && r.body.shielded_view) shielded = c;
  }
  // The police, whose practitioner the admin makes a user of in the UI to answer MASH checks.
  const agencies = (await admin.get('/api/v1/agencies')).body.agencies;
  const police = agencies.find((a) => a.kind === 'police') ?? agencies.find((a) => /police/i.test(a.name));
  if (!police) throw new Error('the demo area has no police agency');
  // A child on a plan, found by signposting on the NHS numbers of the lead's children.
  let signposted = null;
  for (const c of leadChildren.filter((x) => x.nhs_number && x.shielding === 'none').slice(0, 150)) {
    const r = await lead.get(`/api/v1/signposting?nhs_number=${c.nhs_number}`, { 'X-Access-Reason': 'e2e setup: which children are on a plan?' });
    if (r.status === 200 && r.body.children.length === 1 && !r.body.children[0].shielded) {
      signposted = { child: c, answer: r.body.children[0] };
      break;
    }
  }
  // Casework: a child of the demo user's with casework and no open referral (the flow receives
  // one and holds a strategy discussion); an alert routed to the demo user; a manager with
  // agency scope for the dashboard.
  const noOpenReferral = [];
  for (const x of records) {
    if (x.child.shielding !== 'none' || x.child.id === childA.child.id) continue;
    const cw = await demo.get(`/api/v1/children/${x.child.id}/casework`);
    if (cw.status === 200 && cw.body.steps.length > 0 && !cw.body.records.referrals.some((r) => r.open)) {
      noOpenReferral.push(x.child);
      if (noOpenReferral.length >= 2) break;
    }
  }
  const [casework = null, fullPath = null] = noOpenReferral;
  const demoAlerts = (await demo.get('/api/v1/alerts')).body.alerts.filter((a) => !a.acknowledged_at);
  // A police and a hospital feed (API users of those agencies), which report concerns about the
  // child the full-path flow puts on a plan, so an alert reaches its key worker (the demo user).
  const feedUser = async (agency, username) => {
    if (!agency) return null;
    const teamsOf = (await admin.get(`/api/v1/agencies/${agency.id}/teams`)).body.teams;
    const staff = (await admin.get(`/api/v1/teams/${teamsOf[teamsOf.length - 1].id}/practitioners`)).body.practitioners;
    const password = `Feed-${Math.random().toString(36).slice(2)}-e2e`;
    const r = await admin.call('POST', '/api/v1/users', {
      username,
      display_name: `${agency.name} feed (e2e)`,
      password,
      role: 'practitioner',
      scope: 'own',
      practitioner_id: staff[staff.length - 1].id,
    });
    if (r.status !== 201) throw new Error(`could not create the feed user ${username}: ${JSON.stringify(r.body)}`);
    return new ApiClient(base).login(username, password);
  };
  const feeders = {
    police: await feedUser(police, 'police.feed.e2e'),
    health: await feedUser(agencies.find((a) => a.kind === 'health'), 'health.feed.e2e'),
    school: await feedUser(agencies.find((a) => a.kind === 'school'), 'school.feed.e2e'),
    demo,
  };
  const managerPassword = `Boss-${Math.random().toString(36).slice(2)}-e2e`;
  const manager = await admin.call('POST', '/api/v1/users', {
    username: 'manager.e2e',
    display_name: 'Service Manager (e2e)',
    password: managerPassword,
    role: 'manager',
    scope: 'agency',
    practitioner_id: practitioners[0].id,
  });
  if (manager.status !== 201) throw new Error(`could not create the manager: ${JSON.stringify(manager.body)}`);
  // An indicator whose child list holds a child the manager can open (with a reason if asked).
  const boss = await new ApiClient(base).login('manager.e2e', managerPassword);
  let drill = null;
  const report = (await boss.get('/api/v1/indicators?children=true')).body;
  for (const i of report.indicators ?? []) {
    for (const c of i.children.filter((x) => x.can_open).slice(0, 10)) {
      const r = await boss.get(`/api/v1/children/${c.child_id}`, { 'X-Access-Reason': 'e2e setup: which children can the manager open?' });
      if (r.status === 200 && !r.body.shielded_view) {
        drill = { indicator: i.name, child: c.child_id };
        break;
      }
    }
    if (drill) break;
  }
  // The child index's review queue: a new child, then a near-duplicate of her that the
  // linkage model can neither link nor tell apart, so the feed queues the pair for a
  // reviewer. One pair is called different children, the other the same child and then
  // undone on the child's page.
  const mash = await new ApiClient(base).login('mash', logins.mash);
  const review = await queuedPair(demo, mash, 'E2E-R', ['Maisie', 'Maisy'], 'Okonkwo-Hart');
  const mergeReview = await queuedPair(demo, mash, 'E2E-M', ['Rosie', 'Rosy'], 'Penhaligon-Ward');
  // A reviewer who may also open any child (all scope, with a reason): the merged pair came
  // from a police feed alone, so no team of the council works with either child yet.
  const reviewerPassword = `Review-${Math.random().toString(36).slice(2)}-e2e`;
  const reviewer = await admin.call('POST', '/api/v1/users', {
    username: 'reviewer.e2e',
    display_name: 'Head of Safeguarding (e2e)',
    password: reviewerPassword,
    role: 'safeguarding_lead',
    scope: 'all',
    practitioner_id: practitioners[0].id,
  });
  if (reviewer.status !== 201) throw new Error(`could not create the reviewer: ${JSON.stringify(reviewer.body)}`);
  return {
    leadPassword, childA, searchA, masked, refused, needsReason, cancelled, shielded, police, signposted,
    casework, fullPath, alert: demoAlerts[0] ?? null, managerPassword, drill, feeders, review, mergeReview,
    reviewerPassword,
  };
}

// --- the browser -----------------------------------------------------------------------

const results = [];
const typedFields = [];
let fullPathTyped = null;
let currentFlow = null;
let browserProblems = [];

function track(page) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location()?.url ?? '';
    if (/status of 40[13]/.test(text) && /\/api\/v1\//.test(url)) return; // refusals are answers
    // A refusal the flow provokes on purpose (e.g. 400 for a weak password, 409 for deciding
    // an unrated contact) is an answer too, shown beside its field.
    const status = /status of (\d{3})/.exec(text)?.[1];
    if (status && /\/api\/v1\//.test(url) && currentFlow?.refusals?.has(Number(status))) return;
    browserProblems.push(`console error: ${text} (${url})`);
  });
  page.on('pageerror', (err) => browserProblems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A fetch cut short by the test's own navigation is not a failure of the page.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') browserProblems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (!u.pathname.startsWith('/api/') && res.status() >= 400) browserProblems.push(`HTTP ${res.status()} for ${u.pathname}`);
  });
}

async function flow(name, fn) {
  currentFlow = { name, typed: 0, choices: 0, refusals: new Set() };
  browserProblems = [];
  const t0 = Date.now();
  try {
    await fn();
    if (browserProblems.length) throw new Error(browserProblems.join('\n    '));
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
  }
  typedFields.push({ name: currentFlow.name, typed: currentFlow.typed, choices: currentFlow.choices });
}

async function type(locator, text) {
  currentFlow.typed += 1;
  await locator.fill(text);
}

async function choose(locator) {
  currentFlow.choices += 1;
  await locator.click();
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Polls until `probe` returns a truthy value (the UI renders after the click returns). */
async function until(probe, message) {
  const end = Date.now() + TIMEOUT;
  let last;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(typeof message === 'function' ? await message() : message);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function uiLogin(page, base, username, password, { keyboard = false } = {}) {
  await page.goto(`${base}/login`);
  await page.getByRole('heading', { name: 'Log in to Safehub' }).waitFor();
  if (keyboard) {
    // Keyboard only: the heading has focus; Tab to each field, Enter submits.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id) === 'username', 'Tab did not reach the username');
    currentFlow.typed += 2;
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  } else {
    await type(page.getByLabel('Username'), username);
    await type(page.getByLabel('Password'), password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function uiLogout(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in to Safehub' }).waitFor();
}

const fullName = (p) => [p.first_name, p.middle_names, p.surname].filter(Boolean).join(' ');

async function main() {
  const db = path.join(work, 'demo.db');
  const logins = createDemo(db);
  const server = await startServer(db);
  const { base } = server;
  let context;
  try {
    const setup = await prepare(base, logins);
    const { childA, searchA } = setup;
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    context.setDefaultTimeout(TIMEOUT);
    // Report CSP violations to the console, where the tracker fails the flow.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    track(page);

    await flow('static files: security headers and client-side routes', async () => {
      const res = await page.goto(`${base}/children/${childA.child.id}`);
      expect(res.status() === 200, `status ${res.status()}`);
      const h = res.headers();
      expect(/default-src 'self'/.test(h['content-security-policy'] ?? ''), 'no CSP header on index.html');
      expect(/no-store/.test(h['cache-control'] ?? ''), 'index.html is not no-store');
      await page.getByRole('heading', { name: 'Log in to Safehub' }).waitFor();
      await shot(page, '01-login');
    });

    await flow('log in with the keyboard only, land on search', async () => {
      await uiLogin(page, base, 'demo', logins.demo, { keyboard: true });
      await page.getByRole('heading', { name: 'Find a child' }).waitFor();
      expect((await page.getByTestId('who').innerText()).includes('demo'), 'the top bar does not name the user');
    });

    await flow('search a child by surname; matches outside scope are counted', async () => {
      await page.goto(`${base}/search`);
      await type(page.getByLabel('Name', { exact: true }), childA.child.surname);
      await page.getByRole('button', { name: 'Search' }).click();
      const table = page.getByTestId('search-results');
      await table.waitFor();
      const rows = await table.locator('tbody tr').count();
      expect(rows === searchA.children.length, `${rows} rows, the API found ${searchA.children.length}`);
      await table.getByRole('link', { name: fullName(childA.child) }).waitFor();
      if (searchA.outside_scope > 0) {
        const text = await page.getByTestId('outside-scope').innerText();
        expect(text.includes(`${searchA.outside_scope} more`), `outside-scope notice says: ${text}`);
      }
      await shot(page, '02-search');
      // A mistyped NHS number is caught next to its field, before any search.
      await type(page.getByLabel('Name', { exact: true }), '');
      await type(page.getByLabel('NHS number'), '1234567890');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('This is not a valid NHS number').waitFor();
      await type(page.getByLabel('NHS number'), '');
      await type(page.getByLabel('Name', { exact: true }), childA.child.surname);
      await page.getByRole('button', { name: 'Search' }).click();
      await table.waitFor();
    });

    let paintMs = 0;
    await flow('open a child in scope (no reason needed): people, involvements, family graph', async () => {
      const t0 = Date.now();
      await choose(page.getByTestId('search-results').getByRole('link', { name: fullName(childA.child) }));
      await page.getByRole('heading', { level: 1, name: fullName(childA.child) }).waitFor();
      paintMs = Date.now() - t0;
      expect(!(await page.locator('dialog[open]').count()), 'a reason was asked for a child in scope');
      const involvements = page.getByTestId('involvements');
      await involvements.waitFor();
      const current = childA.record.involvements.filter((i) => !i.ended_on).length;
      expect((await involvements.locator('tbody tr').count()) === current, 'involvement rows differ from the record');
      const graph = page.getByTestId('household-graph');
      await graph.waitFor();
      const people = new Set([childA.record.person.id, ...childA.record.relationships.map((r) => r.other.id)]);
      for (const h of childA.record.households) for (const m of h.members) people.add(m.person.id);
      const nodes = await graph.locator('g.node').count();
      expect(nodes === people.size, `${nodes} nodes in the graph, ${people.size} people in the record`);
      await page.getByTestId('chronology-table').waitFor();
      await shot(page, '03-child');
      await graph.screenshot({ path: path.join(artifacts, '04-household-graph.png') });
    });

    await flow('read the chronology: timeline, table, filters, zoom, keyboard', async () => {
      const events = childA.events;
      const table = page.getByTestId('chronology-table');
      const rows = () => table.locator('tbody tr:not(:has(td[colspan]))').count();
      expect((await rows()) === events.length, `${await rows()} rows, ${events.length} events`);
      expect((await page.locator('.timeline g.marker').count()) === events.length, 'not every event has a marker');
      // Filter by agency: untick the agency with the most events.
      const counts = new Map();
      for (const e of events) counts.set(e.agency_id, (counts.get(e.agency_id) ?? 0) + 1);
      const [busiest, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      const agencies = (await page.request.get(`${base}/api/v1/agencies`)).ok()
        ? (await (await page.request.get(`${base}/api/v1/agencies`)).json()).agencies
        : [];
      const name = agencies.find((a) => a.id === busiest)?.name ?? `Agency ${busiest}`;
      const agencyBox = page.getByRole('group', { name: 'Agencies' }).getByRole('checkbox', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
      await choose(agencyBox);
      await until(async () => (await rows()) === events.length - n, `after unticking ${name}: not ${events.length - n} rows`);
      expect((await table.getByText(name, { exact: true }).count()) === 0, `${name} still in the table`);
      await choose(agencyBox);
      await until(async () => (await rows()) === events.length, 'ticking the agency again did not bring its events back');
      // Filter by significance: untick Low.
      const lows = events.filter((e) => e.significance === 'low').length;
      await choose(page.getByRole('group', { name: 'Significance' }).getByRole('checkbox', { name: /Low/ }));
      await until(async () => (await rows()) === events.length - lows, `after unticking Low: not ${events.length - lows} rows`);
      expect((await table.locator('.badge.sig-low').count()) === 0, 'low significance rows remain');
      await shot(page, '05-chronology-filtered');
      await choose(page.getByRole('group', { name: 'Significance' }).getByRole('checkbox', { name: /Low/ }));
      // Zoom: the window narrows and so does the table.
      const before = await page.getByTestId('timeline-range').innerText();
      await choose(page.getByRole('button', { name: 'Zoom in' }));
      await choose(page.getByRole('button', { name: 'Zoom in' }));
      await until(async () => (await page.getByTestId('timeline-range').innerText()) !== before, 'zooming did not change the range');
      await choose(page.getByRole('button', { name: 'Whole history' }));
      await until(async () => (await rows()) === events.length, 'whole history does not show every event');
      // Keyboard: focus a marker, Enter shows its details.
      const marker = page.locator('.timeline g.marker').first();
      await marker.focus();
      await page.keyboard.press('Enter');
      await until(async () => /Significance[\s\S]*Summary/.test(await page.getByTestId('event-detail').innerText()), 'no event details after Enter on a marker');
      await page.locator('.timeline').screenshot({ path: path.join(artifacts, '06-timeline.png') });
    });

    if (setup.masked) {
      await flow('a masked sensitive service shows only whom to contact', async () => {
        await page.goto(`${base}/children/${setup.masked.child.id}`);
        const cell = page.getByTestId('involvements').locator('tr.masked').first();
        const text = await cell.innerText();
        expect(/A sensitive service is involved, contact through/.test(text), `masked row says: ${text}`);
        const i = setup.masked.record.involvements.find((x) => x.masked);
        expect(text.includes(i.team_name) && text.includes(i.contact_phone), 'the masked row lacks the team or phone');
      });
    }

    await flow('a child outside scope shows the refusal', async () => {
      await page.goto(`${base}/children/${setup.refused.id}`);
      const refusal = page.getByTestId('refusal');
      await refusal.waitFor();
      expect(/cannot open this record/.test(await refusal.innerText()), 'no refusal text');
      await shot(page, '07-refused');
    });

    await flow('usable at 200% zoom (a 640 px wide window): no sideways scrolling of the page', async () => {
      await page.setViewportSize({ width: 640, height: 900 });
      await page.goto(`${base}/children/${childA.child.id}`);
      await page.getByTestId('chronology-table').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await shot(page, '08-child-narrow');
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
    });

    await flow('log out', async () => {
      await uiLogout(page);
      expect(/logged out/.test(await page.getByTestId('login-notice').innerText()), 'no logged-out notice');
      const r = await page.request.get(`${base}/api/v1/session`);
      expect(r.status() === 401, `the session still answers ${r.status()}`);
    });

    await flow('session expiry returns to login with a message, then back to the page', async () => {
      await uiLogin(page, base, 'demo', logins.demo);
      await page.goto(`${base}/children/${childA.child.id}`);
      await page.getByRole('heading', { level: 1, name: fullName(childA.child) }).waitFor();
      // Let the page's sections (chronology, casework, alerts, sharing) finish loading: one still
      // in flight would meet the expiry first and go to the login before the click below.
      await page.waitForLoadState('networkidle');
      await context.clearCookies(); // as if the session timed out
      await page.getByRole('link', { name: 'Find a child' }).click();
      await type(page.getByLabel('Name', { exact: true }), childA.child.surname);
      await page.getByRole('button', { name: 'Search' }).click();
      const notice = page.getByTestId('login-notice');
      await notice.waitFor();
      expect(/session has ended/.test(await notice.innerText()), 'no expiry notice');
      await shot(page, '09-session-expired');
      await type(page.getByLabel('Username'), 'demo');
      await type(page.getByLabel('Password'), logins.demo);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Find a child' }).waitFor();
      await uiLogout(page);
    });

    await flow('a record needing a reason: the prompt, one choice, the record opens', async () => {
      await uiLogin(page, base, 'lead', setup.leadPassword);
      await type(page.getByLabel('Name', { exact: true }), setup.needsReason.surname);
      await page.getByRole('button', { name: 'Search' }).click();
      await choose(page.getByTestId('search-results').getByRole('link', { name: fullName(setup.needsReason) }).first());
      const dialog = page.getByRole('dialog', { name: 'Why are you opening this record?' });
      await dialog.waitFor();
      await shot(page, '10-reason-prompt');
      await choose(dialog.getByRole('radio', { name: /Responding to a safeguarding concern/ }));
      await dialog.getByRole('button', { name: 'Open the record' }).click();
      await page.getByRole('heading', { level: 1, name: fullName(setup.needsReason) }).waitFor();
      await page.getByTestId('chronology-table').or(page.getByText('No events are recorded')).first().waitFor();
      expect(/your agency works with this child/.test(await page.locator('.access-basis').innerText()), 'access basis not shown');
      expect((await page.locator('dialog[open]').count()) === 0, 'asked for the reason twice');
      await shot(page, '11-child-with-reason');
    });

    await flow('cancelling the reason prompt leaves the record closed', async () => {
      await page.goto(`${base}/children/${setup.cancelled.id}`);
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.keyboard.press('Escape'); // the native dialog cancels on Escape
      await page.getByText('no reason was given').waitFor();
      expect((await page.getByTestId('child-page').count()) === 0, 'the record opened without a reason');
    });

    if (setup.shielded) {
      await flow('a shielded child: warning, hidden details, override with a reason', async () => {
        await page.goto(`${base}/children/${setup.shielded.id}`);
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        await choose(dialog.getByRole('radio', { name: /Multi-agency enquiry/ }));
        await dialog.getByRole('button', { name: 'Open the record' }).click();
        const warning = page.getByTestId('shielding-warning');
        await warning.waitFor();
        expect(/hidden from you/.test(await warning.innerText()), 'the shielded view does not say what is hidden');
        await shot(page, '12-shielded');
        await choose(page.getByRole('button', { name: 'Override shielding for this view' }));
        const od = page.getByRole('dialog', { name: 'Why do you need to see the hidden details?' });
        await od.waitFor();
        await choose(od.getByRole('radio', { name: /Another reason/ }));
        await type(od.getByLabel('Your reason'), 'Police report of a child at risk tonight; need the address (e2e)');
        await od.getByRole('button', { name: 'Override and open' }).click();
        await page.getByText('You overrode the shielding for this view').waitFor();
      });
    }

    await flow('log out the lead', async () => {
      await uiLogout(page);
    });

    await flow('auditor: the audit chain is intact and the child\'s access history shows who looked', async () => {
      await uiLogin(page, base, 'auditor', logins.auditor);
      await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Check the audit chain' }).click();
      const verify = page.getByTestId('verify-result');
      await verify.getByText('Intact').waitFor();
      // The newest hash, kept and given back: the trail still holds it. A malformed one is
      // refused beside its field.
      const head = (await verify.locator('code.hash').innerText()).trim();
      await type(page.getByLabel(/Newest hash you kept/), 'not-a-hash');
      await page.getByRole('button', { name: 'Check the audit chain' }).click();
      await page.locator('#audit-known-head-error').getByText(/64 characters/).waitFor();
      await type(page.getByLabel(/Newest hash you kept/), head);
      await page.getByRole('button', { name: 'Check the audit chain' }).click();
      await verify.getByText(/The hash you kept is entry \d+/).waitFor();
      await shot(page, '13-audit-verify');
      await type(page.getByLabel('Child id'), String(setup.needsReason.id));
      await page.getByRole('button', { name: 'Show the access history' }).click();
      const table = page.getByTestId('child-audit');
      await table.waitFor();
      const text = await table.innerText();
      expect(/lead/.test(text), 'the lead\'s access is not in the history');
      expect(/Responding to a safeguarding concern/.test(text), 'the stated reason is not in the history');
      await shot(page, '14-child-access-history');
      await page.goto(`${base}/children/${setup.refused.id}/audit`);
      await table.waitFor();
      expect(/Refused/.test(await table.innerText()), 'the demo user\'s refusal is not in the history');
      await uiLogout(page);
    });


    // --- administration, the MASH front door, signposting, misuse reviews ----------------

    async function freshLogin(username, password) {
      await context.clearCookies(); // a flow that failed before logging out leaves no session behind
      await uiLogin(page, base, username, password);
    }

    // After following a link to a child: states a reason when the page asks for one (access
    // resting on a wide scope), then waits for the record.
    async function openedWithAReasonIfAsked() {
      const dialog = page.getByRole('dialog');
      const opened = page.getByTestId('child-page');
      await dialog.or(opened).first().waitFor();
      if (await dialog.isVisible()) {
        await choose(dialog.getByRole('radio', { name: /Multi-agency enquiry/ }));
        await dialog.getByRole('button', { name: 'Open the record' }).click();
      }
      await opened.waitFor();
    }

    async function noSidewaysScroll(name) {
      await page.setViewportSize({ width: 640, height: 900 });
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await shot(page, name);
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(overflow <= 1, `${name}: the page scrolls sideways by ${overflow} px at 640 px`);
    }

    await flow('administrator: the directory: add an agency, a team (a bad phone refused beside it) and a practitioner', async () => {
      await freshLogin('admin', logins.admin);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click();
      await page.getByRole('heading', { name: 'Directory', level: 1 }).waitFor();
      const status = page.getByTestId('directory-status');
      await page.locator('summary', { hasText: 'Add an agency' }).click();
      await page.getByRole('button', { name: 'Add the agency' }).click();
      await page.locator('#agency-name-error').waitFor();
      await type(page.getByLabel('Agency name'), 'Northshire Homes (e2e)');
      await page.getByLabel('Kind').selectOption('housing');
      currentFlow.choices += 1;
      await page.getByRole('button', { name: 'Add the agency' }).click();
      const added = await until(async () => /added as agency (\d+)/.exec(await status.innerText()), 'no confirmation of the agency');
      const agency = page.getByTestId('directory').locator('li', { hasText: 'Northshire Homes (e2e)' }).first();
      await agency.locator('summary').first().click();
      await agency.locator('summary', { hasText: 'Add a team to Northshire Homes (e2e)' }).click();
      await type(agency.getByLabel('Team name'), 'Tenancy support');
      await type(agency.getByLabel('Office phone'), 'ring reception');
      currentFlow.refusals.add(400);
      await agency.getByRole('button', { name: 'Add the team' }).click();
      await page.locator(`#team-${added[1]}-office_phone-error`).getByText(/only digits/).waitFor();
      await type(agency.getByLabel('Office phone'), '01632 960123');
      await type(agency.getByLabel('Out-of-hours phone'), '01632 960124');
      await agency.getByRole('button', { name: 'Add the team' }).click();
      await until(async () => /Tenancy support added to Northshire Homes \(e2e\) as team \d+/.test(await status.innerText()), 'no confirmation of the team');
      const team = agency.locator('li', { hasText: 'Tenancy support' }).first();
      expect(/office 01632 960123; out of hours 01632 960124/.test(await team.locator('summary').first().innerText()), 'the team\'s phones are not shown');
      await team.locator('summary').first().click();
      await team.locator('summary', { hasText: 'Add a practitioner to Tenancy support' }).click();
      await type(team.getByLabel('Name', { exact: true }), 'Jo Marsh (e2e)');
      await type(team.getByLabel('Job title'), 'Tenancy officer');
      await team.getByRole('button', { name: 'Add the practitioner' }).click();
      await until(async () => /Jo Marsh \(e2e\) added to Tenancy support as practitioner \d+/.test(await status.innerText()), 'no confirmation of the practitioner');
      await team.getByText(/Jo Marsh \(e2e\), Tenancy officer/).waitFor();
      // The team's out-of-hours number changes: what signposting gives out from now on.
      await team.locator('summary', { hasText: "Change Tenancy support's name or phones" }).click();
      await type(team.getByLabel('Out-of-hours phone'), '01632 960125');
      await team.getByRole('button', { name: 'Save the team' }).click();
      await until(async () => /Team \d+ is now Tenancy support: office 01632 960123, out of hours 01632 960125/.test(await status.innerText()), 'no confirmation of the changed phone');
      await until(async () => /out of hours 01632 960125/.test(await agency.locator('li', { hasText: 'Tenancy support' }).first().locator('summary').first().innerText()), 'the team still shows its old phone');
      // A second team, and the practitioner moves there: the old team lists them no more.
      await agency.locator('summary', { hasText: 'Add a team to Northshire Homes (e2e)' }).click();
      const addTeam = agency.getByRole('form', { name: 'Add a team to Northshire Homes (e2e)' });
      await type(addTeam.getByLabel('Team name'), 'Housing options');
      await addTeam.getByRole('button', { name: 'Add the team' }).click();
      await until(async () => /Housing options added to Northshire Homes \(e2e\) as team \d+/.test(await status.innerText()), 'no confirmation of the second team');
      await team.locator('summary', { hasText: "Change Jo Marsh (e2e)'s team or details" }).click();
      const move = team.getByRole('form', { name: "Change Jo Marsh (e2e)'s team or details" });
      await move.getByLabel('Team', { exact: true }).selectOption({ label: 'Housing options' });
      currentFlow.choices += 1;
      await type(move.getByLabel('Job title'), 'Housing options officer');
      await move.getByRole('button', { name: 'Save the practitioner' }).click();
      await until(async () => /Jo Marsh \(e2e\) is now in Housing options\./.test(await status.innerText()), 'no confirmation of the move');
      await until(async () => !(await team.getByText(/Jo Marsh \(e2e\)/).count()), 'the old team still lists the practitioner who moved');
      const housing = agency.locator('li', { hasText: 'Housing options' }).first();
      await housing.locator('summary').first().click();
      await housing.getByText(/Jo Marsh \(e2e\), Housing options officer/).waitFor();
      // The agency is given a code; its kind is shown as what does not change.
      await agency.locator('summary', { hasText: "Change Northshire Homes (e2e)'s name or code" }).click();
      const editAgency = agency.getByRole('form', { name: "Change Northshire Homes (e2e)'s name or code" });
      await editAgency.getByText('Its kind (Housing) does not change').waitFor();
      await type(editAgency.getByLabel('Code'), 'NH1');
      await editAgency.getByRole('button', { name: 'Save the agency' }).click();
      await until(async () => /Agency \d+ is now Northshire Homes \(e2e\), code NH1\./.test(await status.innerText()), 'no confirmation of the agency code');
      await until(async () => /code NH1/.test(await agency.locator('summary').first().innerText()), 'the agency does not show its new code');
      await shot(page, '15e-directory');
      await noSidewaysScroll('15f-directory-narrow');
    });

    const police = { username: 'police.e2e', password: '' };
    await flow('administrator: add a user with a role, scope and practitioner; refusals next to their fields', async () => {
      await freshLogin('admin', logins.admin);
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      const nav = await page.getByRole('navigation', { name: 'Main' }).innerText();
      expect(/Users/.test(nav) && /Misuse reviews/.test(nav) && !/Find a child/.test(nav), `admin's navigation: ${nav}`);
      const users = page.getByTestId('users');
      await users.getByRole('cell', { name: 'auditor', exact: true }).first().waitFor();
      // Nothing typed: each problem is shown beside its field, and focus goes to the first.
      await page.getByRole('button', { name: 'Add the user' }).click();
      await page.locator('#user-username-error').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id) === 'user-username', 'focus did not go to the first field in error');
      await type(page.getByLabel('Username'), police.username);
      await type(page.getByLabel('Full name'), 'Police MASH officer (e2e)');
      await page.getByLabel('Role').selectOption('practitioner');
      await page.getByLabel('Scope').selectOption('agency');
      currentFlow.choices += 2;
      // Agency scope needs a practitioner: said beside the practitioner field (the server's rule, checked first here).
      await page.getByRole('button', { name: 'Add the user' }).click();
      await page.locator('#user-practitioner_id-error').waitFor();
      await page.getByLabel('Agency').selectOption(String(setup.police.id));
      const team = page.getByLabel('Team');
      await until(async () => (await team.locator('option').count()) > 1, 'no teams of the police were listed');
      await team.selectOption({ index: 1 });
      const practitioner = page.getByLabel('Practitioner', { exact: true });
      await until(async () => (await practitioner.locator('option').count()) > 1, 'no practitioners of the team were listed');
      await practitioner.selectOption({ index: 1 });
      currentFlow.choices += 3;
      // A weak password is refused by the server, next to the password field.
      currentFlow.refusals.add(400);
      await type(page.getByLabel('Password', { exact: true }), 'onlylowercaseletters');
      await page.getByRole('button', { name: 'Add the user' }).click();
      await page.locator('#user-password-error').getByText(/must mix/).waitFor();
      await choose(page.getByRole('button', { name: 'Generate' }));
      police.password = await page.getByLabel('Password', { exact: true }).inputValue();
      expect(police.password.length >= 12, 'no password generated');
      await page.getByRole('button', { name: 'Add the user' }).click();
      await until(async () => /User police\.e2e created/.test(await page.getByTestId('users-status').innerText()), 'no confirmation of the new user');
      await users.getByRole('cell', { name: police.username, exact: true }).first().waitFor();
      const row = users.locator('tr', { has: page.getByRole('cell', { name: police.username, exact: true }) });
      await until(async () => (await row.innerText()).includes(setup.police.name), 'the new user\'s practitioner is not named with their agency');
      await shot(page, '15-admin-users');
      await noSidewaysScroll('16-admin-users-narrow');
      await uiLogout(page);
    });

    await flow('administrator: move, disable, re-enable and reset a user; the temporary password must be replaced at login', async () => {
      await freshLogin('admin', logins.admin);
      const users = page.getByTestId('users');
      await users.getByRole('cell', { name: police.username, exact: true }).first().waitFor();
      // The administrator's own row offers no way to disable themselves, and says why.
      await choose(page.getByRole('button', { name: 'Manage admin', exact: true }));
      const own = page.getByTestId('manage-admin');
      await own.getByText('You cannot disable yourself.').waitFor();
      expect(await own.getByRole('button', { name: 'Disable admin' }).isDisabled(), 'an administrator may disable themselves');
      await choose(page.getByRole('button', { name: 'Manage admin', exact: true }));
      await choose(page.getByRole('button', { name: `Manage ${police.username}` }));
      const panel = page.getByTestId(`manage-${police.username}`);
      await panel.waitFor();
      // Move them to team scope (their team follows their practitioner record, kept as it was).
      await panel.getByLabel('Scope', { exact: true }).selectOption('team');
      currentFlow.choices += 1;
      await panel.getByRole('button', { name: 'Save the change' }).click();
      const status = page.getByTestId('users-status');
      await until(async () => /police\.e2e is now practitioner with team scope/.test(await status.innerText()), 'no confirmation of the change');
      const row = users.locator(`tr[data-user="${police.username}"]`);
      await until(async () => (await row.locator('td').nth(3).innerText()) === 'Team', 'the table does not show the new scope');
      await choose(panel.getByRole('button', { name: `Disable ${police.username}` }));
      await until(async () => /sessions have ended/.test(await status.innerText()), 'no confirmation of disabling');
      await until(async () => /Disabled/.test(await row.innerText()), 'the row does not say disabled');
      await shot(page, '15b-admin-user-disabled');
      const refused = await new ApiClient(base).login(police.username, police.password).catch((e) => e);
      expect(refused instanceof Error, 'a disabled user could log in');
      await choose(panel.getByRole('button', { name: `Enable ${police.username}` }));
      await until(async () => /enabled again/.test(await status.innerText()), 'no confirmation of enabling');
      await choose(panel.getByRole('button', { name: 'Issue a temporary password' }));
      const shown = panel.getByTestId('temporary-password');
      await shown.waitFor();
      const temporary = (await shown.locator('code').innerText()).trim();
      expect(temporary.length >= 12, `no temporary password shown: ${temporary}`);
      expect(/works until \d/.test(await shown.innerText()), 'the temporary password is shown without its expiry');
      await until(async () => /Must change password/.test(await row.innerText()), 'the row does not say the password must change');
      await shot(page, '15c-admin-temporary-password');
      await uiLogout(page);

      // The user logs in with it and can do nothing but choose their own.
      await uiLogin(page, base, police.username, temporary);
      await page.getByRole('heading', { name: 'Choose your own password', level: 1 }).waitFor();
      const nav = await page.getByRole('navigation', { name: 'Main' }).innerText();
      expect(!/Agency checks/.test(nav), `the navigation is offered before the password is changed: ${nav}`);
      await type(page.getByLabel('Temporary password'), temporary);
      await type(page.getByLabel('New password', { exact: true }), 'short');
      await type(page.getByLabel('New password again'), 'short');
      await page.getByRole('button', { name: 'Save my password' }).click();
      await page.locator('#pw-new_password-error').waitFor();
      const chosen = `Police-${Math.random().toString(36).slice(2, 10)}-E2e`;
      await type(page.getByLabel('New password', { exact: true }), chosen);
      await type(page.getByLabel('New password again'), chosen);
      await shot(page, '15d-choose-own-password');
      await page.getByRole('button', { name: 'Save my password' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agency checks' }).waitFor();
      police.password = chosen;
      await uiLogout(page);
    });

    let contactId = 0;
    await flow('MASH: record a contact, ask the police to check, rate it red; the RAG clock is text', async () => {
      await freshLogin('mash', logins.mash);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'MASH' }).click();
      await page.getByRole('heading', { name: 'MASH front door', level: 1 }).waitFor();
      // Keyboard: the summary opens its form with Enter.
      const record = page.locator('summary', { hasText: 'Record a new contact' });
      await record.focus();
      await page.keyboard.press('Enter');
      // A child id that does not exist is refused beside the child id.
      currentFlow.refusals.add(404);
      await type(page.getByLabel('Child id'), '999999');
      await type(page.getByLabel('Who made the contact'), 'School designated safeguarding lead');
      await type(page.getByLabel('What they told you'), 'Child came to school with bruising to the face and said they were scared to go home (e2e).');
      await page.getByRole('button', { name: 'Record the contact' }).click();
      await page.locator('#contact-child_id-error').getByText(/does not exist/).waitFor();
      // Find the child across the area (the hub works with nobody yet): a reason is required.
      const area = page.getByTestId('area-search');
      await type(area.getByLabel("Child's name"), childA.child.surname);
      if (childA.child.date_of_birth) await type(area.getByLabel('Date of birth (optional)'), childA.child.date_of_birth);
      await area.getByRole('button', { name: 'Search the area' }).click();
      await area.locator('#area-reason-error').waitFor();
      await type(area.getByLabel('Why you are searching the whole area'), 'School DSL phoned about this child (e2e)');
      await area.getByRole('button', { name: 'Search the area' }).click();
      await choose(area.getByTestId('area-results').getByRole('button', { name: `Use ${fullName(childA.child)} (child ${childA.child.id})` }));
      expect((await page.getByLabel('Child id').inputValue()) === String(childA.child.id), 'choosing the child did not fill the child id');
      await shot(page, '16b-mash-area-search');
      await page.getByRole('button', { name: 'Record the contact' }).click();
      const status = page.getByTestId('mash-status');
      const recorded = await until(async () => /Contact (\d+) recorded/.exec(await status.innerText()), 'no confirmation of the contact');
      contactId = Number(recorded[1]);
      const card = page.getByTestId(`contact-${contactId}`);
      await card.waitFor();
      // The queue names the child (name and date of birth), not a bare id.
      const cardHeading = await card.getByRole('heading', { level: 3 }).innerText();
      expect(cardHeading.includes(fullName(childA.child)), `the contact does not name the child: ${cardHeading}`);
      expect(!childA.child.date_of_birth || /\(born \d+ \w+ \d{4}\)/.test(cardHeading), `the contact does not give the date of birth: ${cardHeading}`);
      expect(/Not rated yet: no clock/.test(await card.getByTestId('rag-clock').innerText()), 'an unrated contact does not say it has no clock');
      // Deciding before rating is refused next to the decision.
      currentFlow.refusals.add(409);
      currentFlow.refusals.add(412);
      await card.locator('summary', { hasText: 'Decide' }).click();
      await choose(card.getByRole('radio', { name: 'Early help' }));
      await card.getByRole('button', { name: 'Record the decision' }).click();
      await card.locator(`#decide-${contactId}-error`).getByText(/rate the contact before deciding/).waitFor();
      await card.locator('summary', { hasText: 'Decide' }).click();
      // Ask the police.
      await card.locator('summary', { hasText: 'Ask agencies to check their records' }).click();
      await choose(card.getByRole('checkbox', { name: setup.police.name }));
      await card.getByRole('button', { name: 'Send the requests' }).click();
      await until(async () => /1 agency asked/.test(await status.innerText()), 'no confirmation of the check request');
      await card.getByRole('cell', { name: setup.police.name }).waitFor();
      expect(/Asked, no answer yet/.test(await card.innerText()), 'the check is not shown as asked');
      // Rate red with the keyboard: the summary, then the radio, then the button.
      const rate = card.locator('summary', { hasText: /Rate red, amber or green/ });
      await rate.focus();
      await page.keyboard.press('Enter');
      await card.getByRole('radio', { name: /Red/ }).focus();
      await page.keyboard.press('Space');
      currentFlow.choices += 1;
      await card.getByRole('button', { name: 'Rate and start the clock' }).press('Enter');
      await until(async () => /rated Red/.test(await status.innerText()), 'no confirmation of the rating');
      const clock = await until(async () => {
        const t = await card.getByTestId('rag-clock').innerText();
        return /Red/.test(t) && /(\d+ (d|h|min)( \d+ (h|min))? left|Overdue by)/.test(t) ? t : null;
      }, 'the RAG clock does not say the time left in words');
      expect(/due \d+ \w+ \d{4} \d\d:\d\d/.test(clock), `the clock does not give the due time: ${clock}`);
      const summary = await page.getByTestId('queue-summary').innerText();
      expect(/1 open: 1 red on time/.test(summary), `the queue summary says: ${summary}`);
      await shot(page, '17-mash-queue');
      await noSidewaysScroll('18-mash-queue-narrow');
      await uiLogout(page);
    });

    await flow('police: the agency answers its check inside the hub, then releases it', async () => {
      await freshLogin(police.username, police.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agency checks' }).click();
      await page.getByRole('heading', { name: 'Checks for your agency', level: 1 }).waitFor();
      const card = page.getByTestId('agency-checks').locator('article', { hasText: `MASH contact ${contactId}` });
      await card.waitFor();
      // An empty answer is caught beside the field.
      await card.getByRole('button', { name: 'Answer (inside the hub)' }).click();
      await card.getByText('Record what your records show').waitFor();
      await type(card.getByLabel("What your agency's records show"), 'Two domestic incidents at the address this year; no arrests (e2e).');
      await card.getByRole('button', { name: 'Answer (inside the hub)' }).click();
      const status = page.getByTestId('checks-status');
      await until(async () => /answered/.test(await status.innerText()), 'no confirmation of the answer');
      await card.getByText('Answered (inside the hub only)').waitFor();
      await shot(page, '19-agency-checks');
      await noSidewaysScroll('25-agency-checks-narrow');
      await choose(card.getByRole('button', { name: 'Release beyond the hub' }));
      await until(async () => /released beyond the hub/.test(await status.innerText()), 'no confirmation of the release');
      await until(async () => (await page.locator('article', { hasText: `MASH contact ${contactId}` }).count()) === 0, 'the released check is still listed');
      await uiLogout(page);
    });

    await flow('practitioner: the released MASH answer is on the child\'s record, with who released it and when', async () => {
      await freshLogin('demo', logins.demo);
      await page.goto(`${base}/children/${childA.child.id}#mash`);
      const section = page.locator('section#mash');
      const table = section.getByTestId('mash-checks');
      await table.waitFor();
      const text = await table.innerText();
      expect(text.includes('Two domestic incidents at the address this year'), `the released answer is not on the record: ${text}`);
      expect(text.includes(setup.police.name), `the answering agency is not named: ${text}`);
      expect(/by Police MASH officer \(e2e\)/.test(text), `who released it is not named: ${text}`);
      expect(text.includes(`MASH contact ${contactId}`), 'the contact is not named');
      await section.scrollIntoViewIfNeeded();
      await shot(page, '19b-child-mash-checks');
      await uiLogout(page);
    });

    await flow('MASH: the released answer is in the hub; deciding the contact takes it off the queue', async () => {
      await freshLogin('mash', logins.mash);
      await page.goto(`${base}/mash`);
      const card = page.getByTestId(`contact-${contactId}`);
      await card.waitFor();
      await card.getByText('Two domestic incidents').waitFor();
      expect(/Answered and released/.test(await card.innerText()), 'the check is not shown as released');
      // Keyboard only: record a second contact with Tab, typing and Enter; it goes to the top.
      await page.locator('summary', { hasText: 'Record a new contact' }).focus();
      await page.keyboard.press('Enter');
      const steps = [String(childA.child.id), 'Health visitor', 'Baby not seen at two booked visits (e2e).'];
      for (const text of steps) {
        await page.keyboard.press('Tab');
        currentFlow.typed += 1;
        await page.keyboard.type(text);
      }
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent) === 'Record the contact', 'Tab did not reach the record button');
      await page.keyboard.press('Enter');
      const second = Number((await until(async () => /Contact (\d+) recorded/.exec(await page.getByTestId('mash-status').innerText()), 'no confirmation of the second contact'))[1]);
      await until(async () => (await page.evaluate(() => document.activeElement?.id)) === `contact-${second}-h`, 'focus did not move to the new contact');
      const first = page.getByTestId('mash-queue').locator('article').first();
      expect((await first.getAttribute('data-testid')) === `contact-${second}`, 'the unrated contact is not first in the queue');
      expect(/2 open: 1 not rated yet, 1 red on time/.test(await page.getByTestId('queue-summary').innerText()), 'the summary does not count the unrated contact');
      await card.locator('summary', { hasText: 'Decide' }).click();
      await choose(card.getByRole('radio', { name: "Referral to children's social care" }));
      await card.getByRole('button', { name: 'Record the decision' }).click();
      await until(async () => /decided/.test(await page.getByTestId('mash-status').innerText()), 'no confirmation of the decision');
      await until(async () => (await page.getByTestId(`contact-${contactId}`).count()) === 0, 'the decided contact is still in the queue');
      expect(await page.evaluate(() => document.activeElement?.id) === 'queue-h', 'focus did not return to the queue after the decision');
      await uiLogout(page);
    });

    if (setup.signposted) {
      const sp = setup.signposted;
      const reason = 'Child presented at A&E or urgent care';
      await flow('signposting: a lookup by NHS number with a stated reason shows the plan and whom to call', async () => {
        await freshLogin('demo', logins.demo);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signposting' }).click();
        await page.getByRole('heading', { name: 'Signposting', level: 1 }).waitFor();
        await type(page.getByLabel('NHS number'), sp.child.nhs_number);
        // No reason: refused beside the reason, before anything is looked up.
        await page.getByRole('button', { name: 'Look up' }).click();
        await page.locator('#sp-reason-error').waitFor();
        await choose(page.getByRole('radio', { name: reason }));
        await page.getByRole('button', { name: 'Look up' }).click();
        const results = page.getByTestId('signposting-results');
        await results.getByRole('heading', { name: '1 child on a plan or looked after' }).waitFor();
        const text = await results.innerText();
        const labels = { child_protection_plan: 'Child protection plan', child_in_need_plan: 'Child in need plan', looked_after: 'Looked after', unborn_child_protection_plan: 'Unborn child protection plan' };
        expect(text.includes(labels[sp.answer.plan_type]), `the plan type is not shown: ${text}`);
        expect(text.includes(sp.answer.responsible_team), 'the responsible team is not shown');
        if (sp.answer.out_of_hours_phone) expect(text.includes(sp.answer.out_of_hours_phone), 'the out-of-hours number is not shown');
        await shot(page, '20-signposting');
        await noSidewaysScroll('23-signposting-narrow');
        // Someone outside the hub sees the front door's refusal in words, and where to go instead.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'MASH' }).click();
        const refused = page.getByTestId('mash-refused');
        await refused.waitFor();
        expect(/only MASH staff work the front door/.test(await refused.innerText()), 'the refusal does not give the reason');
        await uiLogout(page);
      });

      await flow('key worker: the lookup is in their notices and in the child\'s lookups', async () => {
        const auditor = await new ApiClient(base).login('auditor', logins.auditor);
        const accesses = await auditor.get(`/api/v1/children/${sp.child.id}/signposting-accesses`);
        expect(accesses.status === 200 && accesses.body.accesses.length > 0, `accesses: ${JSON.stringify(accesses.body)}`);
        const keyWorker = accesses.body.accesses[0].key_worker_id;
        const admin = await new ApiClient(base).login('admin', logins.admin);
        const password = `Kw-${Math.random().toString(36).slice(2)}-e2e`;
        const created = await admin.call('POST', '/api/v1/users', {
          username: 'keyworker',
          display_name: 'Key worker (e2e)',
          password,
          role: 'practitioner',
          scope: 'own',
          practitioner_id: keyWorker,
        });
        expect(created.status === 201, `could not create the key worker: ${JSON.stringify(created.body)}`);
        await freshLogin('keyworker', password);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lookups of my children' }).click();
        const table = page.getByTestId('notifications');
        await table.waitFor();
        const text = await table.innerText();
        expect(/\bdemo\b/.test(text) && text.includes(reason), `the demo user's lookup is not in the notices: ${text}`);
        await shot(page, '21-notifications');
        await choose(table.getByRole('link', { name: 'all lookups' }).first());
        await page.getByRole('heading', { name: /Signposting lookups of child/, level: 1 }).waitFor();
        await page.getByTestId('child-lookups').waitFor();
        await uiLogout(page);
      });
    }

    if (setup.shielded) {
      await flow('auditor: the misuse review of the lead\'s override is closed as justified', async () => {
        await freshLogin('auditor', logins.auditor);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Misuse reviews' }).click();
        await page.getByRole('heading', { name: 'Misuse reviews', level: 1 }).waitFor();
        const card = page.getByTestId('misuse-reviews').locator('article', { hasText: `lead overrode shielding of child ${setup.shielded.id}` }).first();
        await card.waitFor();
        expect(/Police report of a child at risk tonight/.test(await card.innerText()), 'the reason given is not shown');
        await card.getByRole('button', { name: 'Close the review' }).click();
        await card.getByText('Choose justified or misuse.').waitFor();
        await choose(card.getByRole('radio', { name: /Justified/ }));
        await type(card.getByLabel('What the review found'), 'Police call about a child at risk that night; the address was needed (e2e).');
        await shot(page, '22-misuse-review');
        await noSidewaysScroll('24-misuse-review-narrow');
        await card.getByRole('button', { name: 'Close the review' }).click();
        await until(async () => /closed: justified/.test(await page.getByTestId('review-status').innerText()), 'no confirmation of the finding');
        await choose(page.getByRole('checkbox', { name: 'Show closed reviews too' }));
        const closed = page.getByTestId('misuse-reviews').locator('article', { hasText: `child ${setup.shielded.id}` }).first();
        await until(async () => /Justified/.test(await closed.innerText()), 'the closed review does not show its finding');
        await uiLogout(page);
      });
    }

    // --- casework, my work, the managers' dashboard ---------------------------------------

    if (setup.casework) {
      await flow('casework: receive a referral, a refused strategy discussion, then one held: the ICPC due date appears', async () => {
        currentFlow.refusals.add(422);
        await freshLogin('demo', logins.demo);
        await page.goto(`${base}/children/${setup.casework.id}#casework`);
        const cw = page.getByTestId('casework');
        await cw.waitFor();
        const form = cw.locator('form.casework-form');
        // Receive a referral: the date is today already; the source is chosen.
        await form.getByLabel('Step').selectOption('receive referral');
        await form.getByLabel('Referral source (CIN census code)').selectOption('6');
        currentFlow.choices += 1;
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Recorded: Referral/.test(await cw.getByRole('status').first().innerText()), 'the referral was not recorded');
        await until(async () => /Referral decision/.test(await page.getByTestId('next-due').innerText()), 'no referral decision due');
        // A strategy discussion without its date: the refusal is beside the date.
        await form.getByLabel('Step').selectOption('hold strategy discussion');
        currentFlow.choices += 1;
        await type(form.getByLabel('Held on'), '');
        await form.getByRole('button', { name: 'Record the step' }).click();
        const err = form.locator('#cw-held-on-error');
        await err.waitFor();
        expect(/required|date/.test(await err.innerText()), `the refusal beside Held on: ${await err.innerText()}`);
        expect((await form.getByLabel('Held on').getAttribute('aria-invalid')) === 'true', 'Held on not marked invalid');
        await shot(page, '30-casework-refused');
        // Today, and a section 47 enquiry: the ICPC is due within 15 working days.
        await type(form.getByLabel('Held on'), new Date().toISOString().slice(0, 10));
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Strategy discussion/.test(await cw.getByRole('status').first().innerText()), 'the strategy discussion was not recorded');
        // In the open timescales (the child may have had an ICPC in an earlier episode).
        const icpc = cw.getByRole('table', { name: 'Open timescales' }).locator('tr[data-kind="icpc"]');
        await icpc.waitFor();
        const text = await icpc.innerText();
        expect(/Initial child protection conference/.test(text) && /due \d{1,2} \w{3} \d{4}/.test(text), `the ICPC row: ${text}`);
        await cw.getByTestId('casework-records').getByText(/Strategy discussion|strategy discussion/).first().waitFor();
        await shot(page, '31-casework-icpc-due');
        // The enquiry leads to an ICPC; the form moves on to it. Only social care present: not
        // quorate, refused beside the attendance (and nothing is recorded).
        expect((await form.getByLabel('Step').inputValue()) === 'complete s47 enquiry', 'the form did not move on to the enquiry');
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /S47 enquiry/i.test(await cw.getByRole('status').first().innerText()), 'the enquiry was not completed');
        expect((await form.getByLabel('Step').inputValue()) === 'hold initial conference', 'the form did not move on to the ICPC');
        await form.getByRole('group', { name: 'Attendance by agency' }).waitFor();
        await form.getByRole('button', { name: 'Record the step' }).click();
        const att = form.locator('#cw-attendance-error');
        await att.waitFor();
        expect(/quorate/.test(await att.innerText()), `the refusal beside the attendance: ${await att.innerText()}`);
        await shot(page, '31b-casework-icpc-not-quorate');
      });
    }

    if (setup.fullPath) {
      await flow('casework: referral -> assessment -> strategy discussion -> s47 -> ICPC -> CP plan -> first core group', async () => {
        await freshLogin('demo', logins.demo);
        const typedAtLogin = currentFlow.typed;
        await page.goto(`${base}/children/${setup.fullPath.id}#casework`);
        const cw = page.getByTestId('casework');
        await cw.waitFor();
        const form = cw.locator('form.casework-form');
        const stepSelect = form.getByLabel('Step');
        // Dates are pre-filled with today; an ICPC is never at a weekend, so at a weekend every
        // step is dated the Friday before (typed, and counted).
        const d = new Date();
        while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() - 1);
        const p2 = (n) => String(n).padStart(2, '0');
        const day = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
        const today = new Date();
        const isToday = day === `${today.getFullYear()}-${p2(today.getMonth() + 1)}-${p2(today.getDate())}`;
        const date = async (label) => {
          if (!isToday) await type(form.getByLabel(label), day);
        };
        const record = async (next) => {
          await form.getByRole('button', { name: 'Record the step' }).click();
          await until(async () => (await stepSelect.inputValue()) === next, async () => `not recorded (still ${await stepSelect.inputValue()}): ${await form.innerText()}`);
        };
        await date('Received on');
        await form.getByLabel('Referral source (CIN census code)').selectOption('3A');
        currentFlow.choices += 1;
        await record('decide on referral');
        await date('Decided on'); // the decision is pre-filled: a single assessment
        await record('start assessment');
        await date('Started on');
        await record('complete assessment');
        await date('Completed (authorised) on');
        await form.getByLabel('Outcome').selectOption('strategy discussion');
        currentFlow.choices += 1;
        await type(form.getByLabel('Factors identified (CIN census codes)'), '3A');
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Recorded: Assessment/.test(await cw.getByRole('status').first().innerText()), 'the assessment was not completed');
        await stepSelect.selectOption('hold strategy discussion');
        currentFlow.choices += 1;
        await date('Held on'); // s47 is pre-filled
        await record('complete s47 enquiry');
        await date('Completed on'); // ICPC is pre-filled
        await record('hold initial conference');
        await date('Held on'); // a plan is pre-filled; social care present is pre-filled
        const attendance = form.getByRole('group', { name: 'Attendance by agency' });
        for (const name of ['Northshire Police', 'Northshire Community Health NHS Trust']) {
          await attendance.getByLabel(name, { exact: true }).selectOption('present');
          currentFlow.choices += 1;
        }
        await record('start cp plan');
        await date('Starts on'); // neglect and the key worker (the user) are pre-filled
        await record('hold core group');
        await date('Held on');
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Recorded: Core group/.test(await cw.getByRole('status').first().innerText()), 'the core group was not recorded');
        await until(async () => /Child protection plan since/.test(await cw.getByTestId('plans').innerText().catch(() => '')), 'the plan is not shown');
        fullPathTyped = `${currentFlow.typed - typedAtLogin}${isToday ? '' : ` (${currentFlow.typed - typedAtLogin - 1} of them dates, as today is a weekend)`}`;
        await shot(page, '31c-casework-full-path');
      });
    }

    if (setup.fullPath) {
      await flow('casework: a core group with attendance by agency and an action; a refused action date shown beside it', async () => {
        currentFlow.refusals.add(422);
        await freshLogin('demo', logins.demo);
        await page.goto(`${base}/children/${setup.fullPath.id}#casework`);
        const cw = page.getByTestId('casework');
        await cw.waitFor();
        const form = cw.locator('form.casework-form');
        // The plan the previous flow started (a core group is refused without one).
        await until(async () => /Child protection plan since/.test(await cw.getByTestId('plans').innerText().catch(() => '')), 'no open plan');
        await form.getByLabel('Step').selectOption('hold core group');
        currentFlow.choices += 1;
        const d = new Date();
        while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() - 1);
        const p2 = (n) => String(n).padStart(2, '0');
        const iso = (x) => `${x.getFullYear()}-${p2(x.getMonth() + 1)}-${p2(x.getDate())}`;
        const day = iso(d);
        await type(form.getByLabel('Held on'), day);
        const attendance = form.getByRole('group', { name: 'attendance by agency' });
        await attendance.getByLabel('Northshire Police', { exact: true }).selectOption('apologies');
        await attendance.getByLabel('Northshire Academy', { exact: true }).selectOption('report sent');
        currentFlow.choices += 2;
        await type(attendance.locator('[data-agency] input[type="date"]').first(), day);
        // How to reach the police member of the core group, agreed at the meeting.
        await type(attendance.locator('[data-agency]', { hasText: 'Northshire Police' }).getByLabel('Contact agreed (optional)'), 'DC Ash, 0100 555 0199');
        // An action due the day before the meeting: refused beside the action's date.
        await form.getByRole('button', { name: 'Add an action' }).click();
        await type(form.getByLabel('Action 1'), 'Health visitor to visit weekly and report to the core group');
        await form.getByLabel('Owner').selectOption({ label: 'Northshire Community Health NHS Trust' });
        currentFlow.choices += 1;
        const before = new Date(d);
        before.setDate(before.getDate() - 1);
        await type(form.getByLabel('Due by'), iso(before));
        await form.getByRole('button', { name: 'Record the step' }).click();
        const dueErr = form.locator('#cw-action-0-due-error');
        await dueErr.waitFor();
        expect(/before the meeting/.test(await dueErr.innerText()), `the refusal beside the action's date: ${await dueErr.innerText()}`);
        expect((await form.getByLabel('Due by').getAttribute('aria-invalid')) === 'true', 'the action date is not marked invalid');
        await shot(page, '31d-casework-core-group-action-refused');
        const due = new Date(d);
        due.setDate(due.getDate() + 14);
        await type(form.getByLabel('Due by'), iso(due));
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Recorded: Core group/.test(await cw.getByRole('status').first().innerText()), 'the core group was not recorded');
        // Stored as recorded: attendance per agency and the action with its owner and date.
        const api = await new ApiClient(base).login('demo', logins.demo);
        const read = await api.get(`/api/v1/children/${setup.fullPath.id}/casework`);
        const last = read.body.steps[read.body.steps.length - 1].step;
        expect(last.step === 'hold core group', `the last step is ${last.step}`);
        const attended = Object.fromEntries(last.record.participants.map((x) => [x.role, x.attendance]));
        expect(attended.police === 'apologies' && attended.school === 'report sent', `attendance stored: ${JSON.stringify(last.record.participants)}`);
        const action = last.record.actions?.[0];
        expect(action && /visit weekly/.test(action.description) && action.owner_agency > 0 && action.due === iso(due), `action stored: ${JSON.stringify(action)}`);
        const police = last.record.participants.find((x) => x.role === 'police');
        expect(police?.contact_details === 'DC Ash, 0100 555 0199', `contact stored: ${JSON.stringify(police)}`);
        // The case shows who is in the core group and how to reach them.
        const group = cw.getByTestId('core-group');
        await until(async () => /DC Ash, 0100 555 0199/.test(await group.innerText().catch(() => '')), 'the core group contacts are not shown');
        expect(/core group meeting/.test(await group.locator('caption').innerText()), 'the contacts do not say which meeting agreed them');
        await shot(page, '31e-casework-core-group-recorded');
      });
    }

    // Concerns from two agencies within a week about the child now on a plan: the rule fires
    // on the feed and the alert goes to the plan's key worker, the demo user.
    let fedAlerts = [];
    if (setup.fullPath && fullPathTyped !== null && setup.feeders.police && setup.feeders.health && setup.feeders.school) {
      await flow('feeds: a police and a hospital concern about the child on a plan raise an alert for the key worker', async () => {
        const c = setup.fullPath;
        const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const who = { first_name: c.first_name, surname: c.surname, date_of_birth: c.date_of_birth, ...(c.nhs_number ? { nhs_number: c.nhs_number } : {}) };
        const stamp = Date.now();
        const police = await setup.feeders.police.call('POST', '/api/v1/feeds/events', {
          rows: [{ source_reference: `E2E-POL-${stamp}`, kind: 'police_incident', occurred_on: day, ...who, risk: 'high', notification: 'information_only', domestic_abuse: 'no', summary: 'Child found alone in the street at night (e2e)' }],
        });
        expect(police.status === 200 && police.body.accepted === 1, `the police feed: ${JSON.stringify(police.body)}`);
        const health = await setup.feeders.health.call('POST', '/api/v1/feeds/events', {
          rows: [{ source_reference: `E2E-AE-${stamp}`, kind: 'unscheduled_care_attendance', occurred_on: day, ...who, setting: 'emergency_department', summary: 'Attended with a head injury (e2e)' }],
        });
        expect(health.status === 200 && health.body.accepted === 1, `the health feed: ${JSON.stringify(health.body)}`);
        // Persistent absence with another agency's concern: a second rule, a second alert.
        const school = await setup.feeders.school.call('POST', '/api/v1/feeds/events', {
          rows: [{ source_reference: `E2E-ATT-${stamp}`, kind: 'school_attendance', occurred_on: day, ...who, attendance_percent: '82', term: 'autumn', summary: 'Attendance 82% this term (e2e)' }],
        });
        expect(school.status === 200 && school.body.accepted === 1, `the school feed: ${JSON.stringify(school.body)}`);
        fedAlerts = await until(async () => {
          const mine = (await setup.feeders.demo.get('/api/v1/alerts')).body.alerts.filter((a) => !a.acknowledged_at && a.children.includes(c.id));
          return mine.length >= 2 ? mine : null;
        }, async () => `the two alerts did not reach the key worker: theirs ${JSON.stringify((await setup.feeders.demo.get('/api/v1/alerts')).body.alerts.map((a) => [a.rule_id, a.children, a.acknowledged_at]))}; the child's ${JSON.stringify((await setup.feeders.demo.get(`/api/v1/children/${c.id}/alerts`)).body)}; feeds ${JSON.stringify([police.body, health.body, school.body])}`);
      });
    }
    const alertToAcknowledge = setup.alert ?? fedAlerts[0] ?? null;
    const childPageAlert = fedAlerts.find((a) => a.id !== alertToAcknowledge?.id) ?? null;

    if (alertToAcknowledge) {
      await flow('my work: an alert with its evidence, acknowledged with the action taken', async () => {
        currentFlow.refusals.add(400);
        currentFlow.refusals.add(422);
        await freshLogin('demo', logins.demo);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
        await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
        await page.getByTestId('overdue').waitFor();
        // The demo leaves the demo social worker's team some overdue work.
        expect(!/Overdue: none/.test(await page.getByTestId('overdue').innerText()), 'the demo social worker has nothing overdue');
        if (setup.casework) {
          // The ICPC the casework flow started is due within 15 working days: in the work list.
          await page.getByLabel('Show steps due within (working days)').selectOption('20');
          currentFlow.choices += 1;
          const soon = page.getByTestId('due-soon');
          // The demo's own open cases have ICPCs too: wait for the row naming this child.
          await until(async () => {
            if ((await soon.count()) === 0) return false;
            const rows = (await soon.innerText()).split('\n');
            return rows.some((r) => r.includes(setup.casework.surname) && /Initial child protection conference/.test(r)) ||
              ((await soon.innerText()).includes(setup.casework.surname) && /Initial child protection conference/.test(await soon.innerText()));
          }, async () => `the ICPC of ${setup.casework.surname} is not in the work list: ${await soon.innerText().catch(() => '')}`);
        }
        const card = page.getByTestId('alert').filter({ hasText: alertToAcknowledge.rule_title }).first();
        await card.waitFor();
        expect(/Evidence/.test(await card.innerText()), 'the alert shows no evidence');
        await card.getByRole('button', { name: 'Acknowledge' }).click();
        const err = card.locator(`#ack-${alertToAcknowledge.id}-error`);
        await err.waitFor();
        await type(card.getByLabel('Action taken'), 'Called the receiving authority and booked a transfer-in conference (e2e).');
        await shot(page, '32-alert-to-acknowledge');
        await card.getByRole('button', { name: 'Acknowledge' }).click();
        await until(async () => /Acknowledged:/.test(await page.getByRole('status').first().innerText()), 'no confirmation');
        await shot(page, '33-alert-acknowledged');
        await noSidewaysScroll('33-my-work-narrow');
        await uiLogout(page);
      });
    }

    if (childPageAlert) {
      await flow('child page: the key worker acknowledges an alert where they read about the child', async () => {
        currentFlow.refusals.add(400);
        await freshLogin('demo', logins.demo);
        await page.goto(`${base}/children/${childPageAlert.children[0]}#alerts`);
        const card = page.getByTestId('alert').filter({ hasText: childPageAlert.rule_title }).first();
        await card.waitFor();
        await type(card.getByLabel('Action taken'), 'Discussed with the school and the health visitor; strategy discussion booked (e2e).');
        await card.getByRole('button', { name: 'Acknowledge' }).click();
        await until(async () => /Acknowledged by/.test(await card.innerText()), 'the alert is not shown as acknowledged on the child page');
        await shot(page, '33b-child-page-alert-acknowledged');
        const ofChild = (await setup.feeders.demo.get(`/api/v1/children/${childPageAlert.children[0]}/alerts`)).body.alerts;
        const stored = ofChild.find((a) => a.id === childPageAlert.id);
        expect(stored && stored.acknowledged_at, 'the acknowledgement is not stored');
        await uiLogout(page);
      });
    }

    await flow('my work: the review queue shows a possible match side by side; not a match, with a reason', async () => {
      expect(setup.review, 'the near-duplicate record did not reach the review queue');
      await freshLogin('mash', logins.mash);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
      await page.getByRole('heading', { name: 'Review queue', level: 2 }).waitFor();
      const card = page.getByTestId('link-review').filter({ hasText: `Possible match ${setup.review.id}:` });
      await card.waitFor();
      const text = await card.innerText();
      expect(/Maisy/.test(text) && /Maisie/.test(text), 'the pair is not shown side by side');
      expect(/How they compare/.test(text) && /bits/.test(text), 'the per-field evidence is not shown');
      // Both choices and the reason are required; the refusal is said beside each.
      await card.getByRole('button', { name: 'Record decision' }).click();
      await card.locator(`#review-${setup.review.id}-reason-error`).waitFor();
      expect(/Choose same child or different children/.test(await card.innerText()), 'no error beside the decision');
      // Keyboard: the radio takes focus and Space chooses it.
      await card.getByRole('radio', { name: /Different children/ }).focus();
      await page.keyboard.press('Space');
      currentFlow.choices += 1;
      expect(await card.getByRole('radio', { name: /Different children/ }).isChecked(), 'Space did not choose the radio');
      await type(card.getByLabel('Reason'), 'Different mothers on the two birth records (e2e).');
      // The card itself: the page above it holds the MASH's many alerts.
      await card.screenshot({ path: path.join(artifacts, '37-review-queue.png') });
      await noSidewaysScroll('37-review-queue-narrow');
      await card.getByRole('button', { name: 'Record decision' }).click();
      await until(async () => /two different children/.test(await page.getByRole('status').first().innerText()), 'no confirmation of the decision');
      expect((await page.getByTestId('link-review').filter({ hasText: `Possible match ${setup.review.id}:` }).count()) === 0,
        'the decided pair is still on the queue');
      await shot(page, '38-review-decided');
      await uiLogout(page);
    });

    await flow('review: same child merges; the child page lists the merged record; undo it and both are separate again', async () => {
      expect(setup.mergeReview, 'the second near-duplicate record did not reach the review queue');
      const { arriving, existing } = setup.mergeReview;
      const openWithReason = async (who) => {
        const dialog = page.getByRole('dialog', { name: 'Why are you opening this record?' });
        await dialog.waitFor();
        await choose(dialog.getByRole('radio', { name: /Responding to a safeguarding concern/ }));
        await dialog.getByRole('button', { name: 'Open the record' }).click();
        await page.getByRole('heading', { level: 1, name: fullName(who) }).waitFor();
      };
      await freshLogin('reviewer.e2e', setup.reviewerPassword);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
      const card = page.getByTestId('link-review').filter({ hasText: `Possible match ${setup.mergeReview.id}:` });
      await card.waitFor();
      await card.getByRole('radio', { name: /Same child/ }).focus();
      await page.keyboard.press('Space');
      currentFlow.choices += 1;
      await type(card.getByLabel('Reason'), 'Same GP practice and the same school place (e2e).');
      await card.getByRole('button', { name: 'Record decision' }).click();
      await until(async () => new RegExp(`person ${arriving.id} merged into person ${existing.id}`).test(await page.getByRole('status').first().innerText()),
        'no confirmation of the merge');

      // The merged person's own page points at the whole record.
      await page.goto(`${base}/children/${arriving.id}`);
      await openWithReason(arriving);
      const note = page.getByTestId('merged-into');
      await note.waitFor();
      expect(new RegExp(`child ${existing.id}`).test(await note.innerText()), 'the merged record does not name the child it is part of');
      await shot(page, '39-merged-person-page');
      await note.getByRole('link', { name: `child ${existing.id}` }).click();
      await openWithReason(existing);
      const merges = page.getByTestId('child-merges');
      const item = merges.getByTestId('merged-record').filter({ hasText: `person ${arriving.id}` });
      await item.waitFor();
      const text = await item.innerText();
      expect(/Head of Safeguarding \(e2e\)/.test(text) && /Same GP practice/.test(text) && new RegExp(`review ${setup.mergeReview.id}`).test(text),
        `the merged record does not say who, why and which review: ${text}`);
      await page.locator('#merged').scrollIntoViewIfNeeded();
      await shot(page, '40-child-merged-record');

      // Undo, by keyboard: the button opens the form, the reason is required.
      await item.getByRole('button', { name: `Undo merge of person ${arriving.id}` }).focus();
      await page.keyboard.press('Enter');
      currentFlow.choices += 1;
      const submit = item.getByRole('button', { name: `Undo merge of person ${arriving.id}` });
      await submit.click();
      await item.locator(".error").first().waitFor();
      await type(item.getByLabel('Reason for undoing the merge'), 'The school confirms two different children (e2e).');
      await item.screenshot({ path: path.join(artifacts, '41-undo-merge.png') });
      await noSidewaysScroll('41-undo-merge-narrow');
      await submit.click();
      await until(async () => /no longer merged into person/.test(await page.getByTestId('unmerge-message').innerText().catch(() => '')),
        'no confirmation of the undo');
      await until(async () => /No records are merged into this child/.test(await page.getByTestId('child-merges').innerText().catch(() => '')),
        'the surviving child still lists the merged record');
      expect(/Merges undone \(1\)/.test(await page.getByTestId('child-merges').innerText()), 'the undone merge is not kept as history');
      await shot(page, '42-merge-undone');
      // Back to the other child: its own record again, part of no one.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: fullName(arriving) }).waitFor();
      await page.getByTestId('child-merges').waitFor();
      expect((await page.getByTestId('merged-into').count()) === 0, 'the unmerged person still says it is part of another child');
      await uiLogout(page);
    });

    await flow('manager: the dashboard charts, the monthly trend, drill down to a child', async () => {
      await freshLogin('manager.e2e', setup.managerPassword);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByRole('img', { name: 'Indicators measured as a percentage' }).waitFor();
      await page.getByTestId('trend').waitFor();
      await shot(page, '34-dashboard');
      // Agency scope: the teams side by side on one indicator, each value also in words.
      const compare = page.getByTestId('team-comparison');
      await compare.waitFor();
      await compare.getByLabel('Compare teams on').selectOption('referrals');
      currentFlow.choices += 1;
      await until(async () => /Referrals.* by team/.test(await compare.locator('figcaption').innerText()), 'the comparison does not follow the indicator chosen');
      await compare.locator('summary').click();
      const rows = await compare.getByTestId('team-comparison-table').locator('tbody tr').count();
      expect(rows >= 2, `the comparison shows ${rows} teams`);
      await shot(page, '34b-dashboard-teams-compared');
      await noSidewaysScroll('34-dashboard-narrow');
      expect(setup.drill, 'no indicator lists a child the manager can open');
      await choose(page.getByRole('button', { name: `Children behind: ${setup.drill.indicator}` }));
      const drill = page.getByTestId('drill-down');
      await drill.waitFor();
      const link = drill.getByRole('link', { name: `Child ${setup.drill.child}`, exact: true }).first();
      await shot(page, '35-dashboard-drill-down');
      await choose(link);
      await openedWithAReasonIfAsked();
      expect(new URL(page.url()).pathname === `/children/${setup.drill.child}`, `drill-down link went to ${page.url()}`);
      await shot(page, '36-dashboard-child');
      await uiLogout(page);
    });

    await flow('manager: reallocate a worker\'s case on the child\'s page; the old involvement moves to the past', async () => {
      await freshLogin('manager.e2e', setup.managerPassword);
      await page.goto(`${base}/children/${childA.child.id}`);
      await openedWithAReasonIfAsked();
      const involvements = page.getByTestId('involvements');
      await involvements.waitFor();
      const pastBefore = await page.getByTestId('past-involvements').locator('tbody tr').count();
      const row = involvements.locator('tbody tr', { has: page.locator('summary', { hasText: 'Reallocate' }) }).first();
      const from = (await row.locator('td').nth(1).innerText()).trim();
      await row.locator('summary', { hasText: 'Reallocate' }).click();
      const form = row.getByRole('form', { name: /^Reallocate .* involvement$/ });
      await form.getByRole('button', { name: 'Reallocate' }).click();
      await form.getByText('Choose who takes the case on.').waitFor();
      const who = form.getByLabel('Practitioner');
      await until(async () => (await who.locator('option').count()) > 1, 'no practitioner to reallocate to');
      const to = (await who.locator('option').nth(1).innerText()).split(',')[0].trim();
      await who.selectOption({ index: 1 });
      currentFlow.choices += 1;
      await form.getByRole('button', { name: 'Reallocate' }).click();
      const status = page.getByTestId('involvement-status');
      await until(async () => (await status.innerText()).includes(`involvement is now ${to}'s, from`), `no confirmation of the reallocation: ${await status.innerText()}`);
      await until(async () => (await involvements.locator('tbody tr', { hasText: to }).count()) > 0, `${to} is not among those working with the child now`);
      await until(async () => (await page.getByTestId('past-involvements').locator('tbody tr').count()) === pastBefore + 1, `${from}'s involvement is not among the past ones`);
      await shot(page, '37-involvement-reallocated');
      await uiLogout(page);
    });

    if (setup.fullPath && fullPathTyped !== null && setup.feeders.demo) {
      await flow('casework: the plan passes to another key worker, who is then among those working with the child', async () => {
        currentFlow.refusals.add(422);
        await freshLogin('demo', logins.demo);
        const me = (await setup.feeders.demo.get('/api/v1/session')).body.user.practitioner_id;
        await page.goto(`${base}/children/${setup.fullPath.id}#casework`);
        const cw = page.getByTestId('casework');
        await cw.waitFor();
        await until(async () => /Child protection plan since/.test(await cw.getByTestId('plans').innerText().catch(() => '')), 'no open plan');
        const form = cw.locator('form.casework-form');
        await form.getByLabel('Step').selectOption('change key worker');
        currentFlow.choices += 1;
        // The form names the user; the plan is already theirs, so that is refused beside the field.
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /already the key worker/.test(await form.innerText()), async () => `no refusal beside the field: ${await form.innerText()}`);
        // The plan goes to a long-term team: another team of the council, then someone in it.
        // Which teams have someone else is asked of the API, and the form is waited on until
        // that team's people are its choices (a stale list must not be read).
        const who = form.getByLabel('New key worker');
        const team = form.getByLabel('Team', { exact: true });
        const ownTeam = await team.inputValue();
        const teams = await team.locator('option').evaluateAll((os) => os.map((o) => o.value));
        let other = null;
        for (const t of [...teams.filter((t) => t !== ownTeam), ownTeam]) {
          const people = (await setup.feeders.demo.get(`/api/v1/teams/${t}/practitioners`)).body.practitioners.filter((p) => p.id !== me);
          if (people.length === 0) continue;
          await team.selectOption(t);
          currentFlow.choices += 1;
          const wanted = String(people[0].id);
          await until(async () => (await who.locator('option').evaluateAll((os) => os.map((o) => o.value))).includes(wanted),
            `team ${t}'s practitioners are not offered`);
          other = [wanted, people[0].name];
          break;
        }
        expect(other, `no team of the council has anyone else to take the plan: ${JSON.stringify(teams)}`);
        await who.selectOption(other[0]);
        currentFlow.choices += 1;
        await form.getByRole('button', { name: 'Record the step' }).click();
        await until(async () => /Recorded: /.test(await cw.getByRole('status').first().innerText()), async () => `not recorded: ${await form.innerText()}`);
        const name = other[1].split(',')[0].trim();
        const record = (await setup.feeders.demo.get(`/api/v1/children/${setup.fullPath.id}/casework`)).body.records;
        const changes = record.key_worker_changes;
        expect(changes.length > 0 && changes[changes.length - 1].to === Number(other[0]), `the change is not on the case: ${JSON.stringify(changes)}`);
        await page.goto(`${base}/children/${setup.fullPath.id}`);
        await openedWithAReasonIfAsked();
        const involvements = page.getByTestId('involvements');
        await until(async () => (await involvements.locator('tbody tr', { hasText: name }).filter({ hasText: 'key worker' }).count()) > 0,
          async () => `${name} is not among those working with the child as key worker: ${await involvements.innerText().catch(() => '')}`);
        await shot(page, '38-key-worker-changed');
        await uiLogout(page);
      });
    }

    await flow('manager: hand a practitioner\'s whole caseload to a colleague from My work; what moved is counted', async () => {
      await freshLogin('manager.e2e', setup.managerPassword);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
      const section = page.getByTestId('caseload-handover');
      await section.waitFor();
      const form = section.getByRole('form', { name: 'Hand on a caseload' });
      const whose = form.getByRole('group', { name: 'Whose cases' });
      const from = whose.getByLabel('Practitioner');
      await until(async () => (await from.locator('option').count()) > 1, 'no practitioner in the team');
      // Someone with cases open: only counts are shown, no child named.
      const summary = section.getByTestId('caseload-summary');
      let chosen = null;
      for (let k = 1; k < (await from.locator('option').count()) && !chosen; k++) {
        await from.selectOption({ index: k });
        currentFlow.choices += 1;
        const value = await from.inputValue();
        await until(async () => (await summary.count()) > 0 && (await summary.getAttribute('data-practitioner')) === value,
          `no summary of practitioner ${value}'s caseload`);
        const text = await summary.innerText();
        if (/open involvement/.test(text)) chosen = { name: (await from.locator('option').nth(k).innerText()).split(',')[0].trim(), text };
      }
      expect(chosen, 'no practitioner of the team has cases open');
      await form.getByRole('button', { name: 'Hand on the caseload' }).click();
      await form.getByText('Choose who takes them on.').waitFor();
      const takes = form.getByRole('group', { name: 'Who takes them on' });
      const to = takes.getByLabel('Practitioner');
      await until(async () => (await to.locator('option').count()) > 1, 'no one to take the caseload on');
      await to.selectOption({ index: 1 });
      currentFlow.choices += 1;
      await type(takes.getByLabel('Reason'), 'Caseload handover: the worker has left the service (e2e)');
      await form.getByRole('button', { name: 'Hand on the caseload' }).click();
      const outcome = section.getByTestId('caseload-outcome');
      await until(async () => /\d+ of \d+ moved from/.test(await outcome.innerText().catch(() => '')), async () => `no outcome: ${await section.innerText()}`);
      const [, moved, of] = (await outcome.innerText()).match(/(\d+) of (\d+) moved/);
      expect(Number(moved) > 0, `nothing moved: ${await outcome.innerText()}`);
      const left = Number(of) - Number(moved);
      await until(async () => (left === 0 ? /Nothing open/ : new RegExp(`^${left} open`)).test(await summary.innerText()),
        async () => `the counts did not follow: ${await summary.innerText()} after ${await outcome.innerText()}`);
      await shot(page, '39-caseload-handed-on');
      await uiLogout(page);
    });

    if (fullPathTyped !== null) console.log(`\nTyped fields to record referral -> assessment -> strategy discussion -> s47 -> ICPC -> CP plan -> first core group: ${fullPathTyped}`);
    console.log(`\nFirst paint of the child page (click to heading, ${CHILDREN}-child demo area): ${paintMs} ms`);
    console.log('Typed fields per flow (choices are clicks on a radio, checkbox, link or button that carry a decision):');
    for (const t of typedFields) if (t.typed || t.choices) console.log(`  ${t.name}: ${t.typed} typed, ${t.choices} choices`);
  } catch (e) {
    results.push({ name: 'setup', ok: false });
    console.log(`not ok - setup\n    ${String(e?.stack ?? e)}`);
  } finally {
    if (context) await context.close().catch(() => undefined);
    server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots in ${artifacts}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
