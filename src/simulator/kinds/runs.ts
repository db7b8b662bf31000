// A run of a Kerberos source or an outgoing provider, generation-neutral: what it did (its spec) and where it is at
// a given instant (its view). Providers sync users pages, then groups pages (100 objects a page); Kerberos has one
// task and no pages. TimedKindRun follows the clock; SteppedKindRun moves one page per status poll, so a test can
// walk through a run (the `running` scenario and every triggered sync).

import { Prng } from '../prng.js';
import { addMs, MINUTE, SECOND } from '../time.js';
import type { KindObject } from './catalog.js';

export const PROVIDER_PAGE_SIZE = 100;

/** One user or group the remote system refused (a `warning` line; A's row stays `successful`). */
export interface ObjectFailure {
  /** transient: SCIM answered 4xx/5xx; bad-request: Google refused it; stop: Entra's Graph error (rest of the page skipped) */
  kind: 'transient' | 'bad-request' | 'stop';
  model: 'User' | 'Group';
  /** the username (users) or the group's name; `str(obj)` of a group is `Group <name>` */
  name: string;
  /** a user's display name (attributes.obj.name) */
  displayName: string;
  pk: number;
  /** the reason, as `str(exc)` reads on 2026.2+ */
  text: string;
  /** before 2026.2, when it differs: SCIM's exception printed as the `Response` repr */
  legacyText?: string;
  /** Entra: the property mapping named in the StopSync text */
  mapping?: string;
}

/** An exception that ends a run (A: row `error` with a traceback; B: the task is retried 5 times, then rejected). */
export interface RunFailure {
  /** `module.Class` */
  excType: string;
  text: string;
  /** before 2026.2, when it differs */
  legacyText?: string;
  /** where the traceback says it was raised */
  frames: { filename: string; lineno: number; name: string; line: string }[];
}

/** A write a dry-run provider dropped (2025.4+): `Dropping mutating request due to dry run`, at info level. */
export interface DroppedWrite {
  model: 'User' | 'Group';
  name: string;
  displayName: string;
  pk: number;
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
}

export interface KindPage {
  model: 'user' | 'group';
  /** writes dropped by dry-run mode (said only from 2025.4, which introduced it) */
  dropped?: DroppedWrite[];
  /** 1-based, per model */
  n: number;
  taskId: string;
  durationMs: number;
  failures: ObjectFailure[];
  /** this page raised: the run stops here */
  rejected?: RunFailure;
}

export interface KindRunSpec {
  pages: KindPage[];
  /** Kerberos: the run itself raised */
  failure?: RunFailure;
  /** Kerberos: the actor's own info lines */
  notes: string[];
  /** a provider not assigned to an application: A returns before writing anything; B warns */
  unassigned?: boolean;
  /** a disabled Kerberos source: the B actor returns silently */
  disabled?: boolean;
  /** B: started while another run held the lock, it only says so (a `done` task, newer than the real run) */
  skipped?: boolean;
  /** Kerberos (no pages): how long the run takes */
  durationMs: number;
}

export interface PlacedKindPage {
  page: KindPage;
  start: Date;
  finish: Date;
}

export interface KindRunView {
  queuedAt: Date;
  startedAt: Date;
  /** pages finished by now, in order */
  done: PlacedKindPage[];
  /** the page running now, and when it started */
  running: { page: KindPage; start: Date } | null;
  /** pages not started yet (B has queued them: the current model's pages are all queued at once) */
  pending: KindPage[];
  completedAt: Date | null;
}

export interface KindRun {
  readonly id: string;
  readonly spec: KindRunSpec;
  readonly queuedAt: Date;
  view(now: Date): KindRunView;
  onStatusPoll(now: Date): void;
}

/** The pages a run gets through: everything up to and including the first that raised. */
export function pagesRun(spec: KindRunSpec): KindPage[] {
  const failing = spec.pages.findIndex((p) => p.rejected);
  return failing === -1 ? spec.pages : spec.pages.slice(0, failing + 1);
}

export function runFailure(spec: KindRunSpec): RunFailure | undefined {
  return spec.failure ?? pagesRun(spec).find((p) => p.rejected)?.rejected;
}

const START_DELAY_MS = 300;
const END_DELAY_MS = 200;

export class TimedKindRun implements KindRun {
  private readonly placed: PlacedKindPage[] = [];
  private readonly startedAt: Date;
  private readonly completedAt: Date;

  constructor(
    readonly id: string,
    readonly spec: KindRunSpec,
    readonly queuedAt: Date,
  ) {
    this.startedAt = addMs(queuedAt, START_DELAY_MS);
    let at = this.startedAt;
    for (const page of pagesRun(spec)) {
      const finish = addMs(at, page.durationMs);
      this.placed.push({ page, start: at, finish });
      at = addMs(finish, 40);
    }
    const last = this.placed.at(-1)?.finish ?? addMs(this.startedAt, spec.durationMs);
    this.completedAt = addMs(last, END_DELAY_MS);
  }

  /** A run that finished at `finishedAt`. */
  static completedAt(id: string, spec: KindRunSpec, finishedAt: Date): TimedKindRun {
    const probe = new TimedKindRun(id, spec, finishedAt);
    const length = (probe.view(addMs(finishedAt, 365 * 24 * 60 * MINUTE)).completedAt?.getTime() ?? 0) - finishedAt.getTime();
    return new TimedKindRun(id, spec, addMs(finishedAt, -length));
  }

  view(now: Date): KindRunView {
    const t = now.getTime();
    const done = this.placed.filter((p) => p.finish.getTime() <= t);
    const current = this.placed[done.length];
    const running = current && current.start.getTime() <= t ? { page: current.page, start: current.start } : null;
    const rest = this.placed.slice(done.length + (running ? 1 : 0)).map((p) => p.page);
    return {
      queuedAt: this.queuedAt,
      startedAt: this.startedAt,
      done,
      running,
      pending: t < this.startedAt.getTime() ? [] : rest,
      completedAt: t >= this.completedAt.getTime() ? this.completedAt : null,
    };
  }

  onStatusPoll(): void {}
}

/** A run that moves one page per status poll (Kerberos: done on the third poll). */
export class SteppedKindRun implements KindRun {
  private polls = 0;
  private readonly placed: PlacedKindPage[] = [];
  private completedAt: Date | null = null;
  private readonly startedAt: Date;
  private runningSince: Date;

  constructor(
    readonly id: string,
    readonly spec: KindRunSpec,
    readonly queuedAt: Date,
  ) {
    this.startedAt = addMs(queuedAt, START_DELAY_MS);
    this.runningSince = this.startedAt;
  }

  onStatusPoll(now: Date): void {
    if (this.completedAt) return;
    this.polls++;
    if (this.polls < 2) return;
    const pages = pagesRun(this.spec);
    const stamp = new Date(Math.max(now.getTime() - 100, this.runningSince.getTime() + 10));
    if (pages.length === 0) {
      if (this.polls >= 3) this.completedAt = stamp;
      return;
    }
    const next = pages[this.placed.length];
    if (next) {
      this.placed.push({ page: next, start: this.runningSince, finish: stamp });
      this.runningSince = addMs(stamp, 40);
    }
    if (this.placed.length === pages.length) this.completedAt = addMs(stamp, 5);
  }

  view(): KindRunView {
    const pages = pagesRun(this.spec);
    const next = this.completedAt ? undefined : pages[this.placed.length];
    return {
      queuedAt: this.queuedAt,
      startedAt: this.startedAt,
      done: [...this.placed],
      running: next ? { page: next, start: this.runningSince } : null,
      pending: this.completedAt ? [] : pages.slice(this.placed.length + 1),
      completedAt: this.completedAt,
    };
  }
}

// --- what runs contain -------------------------------------------------------------------------------------------

export type Variant = 'healthy' | 'problem' | 'failed' | 'hostile';

// Directory data is attacker-controlled: a username can carry terminal escape sequences.
const HOSTILE_NAMES = ['eve\x1b]0;pwned\x07', 'mallory\x1b[2J', 'bidi\u202etxt.exe', '山田太郎'];

function providerPages(rng: Prng, o: KindObject): KindPage[] {
  const pages: KindPage[] = [];
  const count = (n: number) => Math.max(1, Math.ceil(n / PROVIDER_PAGE_SIZE));
  for (const model of ['user', 'group'] as const) {
    const total = count(model === 'user' ? o.users : o.groups);
    for (let n = 1; n <= total; n++) {
      pages.push({ model, n, taskId: rng.uuid(), durationMs: rng.int(model === 'user' ? 4_000 : 2_000, model === 'user' ? 14_000 : 6_000), failures: [] });
    }
  }
  return pages;
}

const USERS = [
  { name: 'm.okafor', displayName: 'Mary Okafor' },
  { name: 'j.lindqvist', displayName: 'Johan Lindqvist' },
  { name: 'a.haddad', displayName: 'Amira Haddad' },
  { name: 'p.nguyen', displayName: 'Phuong Nguyen' },
  { name: 'r.costa', displayName: 'Rui Costa' },
];

function userFailure(o: KindObject, user: { name: string; displayName: string }, pk: number): ObjectFailure {
  const base = { model: 'User' as const, name: user.name, displayName: user.displayName, pk };
  switch (o.kind) {
    case 'google_workspace':
      return { ...base, kind: 'bad-request', text: `Invalid email domain: ${user.name}@contractor.example` };
    case 'microsoft_entra':
      return {
        ...base,
        kind: 'stop',
        text: `Error ODataError: Property 'mail' is invalid: another object with the same value exists.`,
        mapping: 'authentik default Microsoft Entra Mapping: User',
      };
    default:
      return {
        ...base,
        kind: 'transient',
        legacyText: '<Response [400]>',
        text: `Network error: {'schemas': ['urn:ietf:params:scim:api:messages:2.0:Error'], 'detail': 'Attribute emails is required', 'status': '400'}`,
      };
  }
}

function withFailures(pages: KindPage[], failures: ObjectFailure[]): KindPage[] {
  const userPages = pages.filter((p) => p.model === 'user');
  return pages.map((p) => {
    if (p.model !== 'user') return p;
    const i = userPages.indexOf(p);
    const mine = failures.filter((_, k) => k % userPages.length === i);
    return mine.length === 0 ? p : { ...p, failures: mine };
  });
}

const TRACEBACK_TASKS = { filename: '/authentik/lib/sync/outgoing/tasks.py', lineno: 116, name: 'sync_single', line: ').get()' };

/** Why a provider's run fails, per kind (OTHER-SYNCS §1.7). */
function providerFailure(o: KindObject): { model: 'user' | 'group'; failure: RunFailure } {
  switch (o.kind) {
    case 'google_workspace':
      return {
        model: 'user',
        failure: {
          excType: 'authentik.lib.sync.outgoing.exceptions.StopSync',
          text: "('invalid_grant: Invalid JWT Signature.', {'error': 'invalid_grant', 'error_description': 'Invalid JWT Signature.'})",
          frames: [TRACEBACK_TASKS, { filename: '/authentik/enterprise/providers/google_workspace/clients/base.py', lineno: 46, name: '__init__', line: 'self.domains = self._fetch_domains()' }],
        },
      };
    case 'microsoft_entra':
      return {
        model: 'user',
        failure: {
          excType: 'authentik.lib.sync.outgoing.exceptions.StopSync',
          text: `ClientSecretCredential.get_token failed: AADSTS7000222: The provided client secret keys for app '3f2a9c1e-7b4d-4e10-9a6f-2c8d1e5b7a90' are expired.`,
          frames: [TRACEBACK_TASKS, { filename: '/authentik/enterprise/providers/microsoft_entra/clients/base.py', lineno: 77, name: '_request', line: 'return await request' }],
        },
      };
    default:
      // A group create answered 409 and the server offers no filter fallback (OTHER-SYNCS §1.5 item 7).
      return {
        model: 'group',
        failure: {
          excType: 'authentik.lib.sync.outgoing.exceptions.ObjectExistsSyncException',
          legacyText: '<Response [409]>',
          text: `Object exists: {'schemas': ['urn:ietf:params:scim:api:messages:2.0:Error'], 'detail': 'Group with displayName Engineering already exists', 'status': '409'}`,
          frames: [TRACEBACK_TASKS, { filename: '/authentik/providers/scim/clients/groups.py', lineno: 88, name: 'create', line: 'response = self._request("POST", "/Groups", json=payload)' }],
        },
      };
  }
}

export const KADMIN_FAILURE: RunFailure = {
  excType: 'kadmin.KAdminException',
  text: "Cannot contact any KDC for realm 'CORP.EXAMPLE.COM'",
  frames: [
    { filename: '/authentik/sources/kerberos/tasks.py', lineno: 64, name: 'kerberos_sync_single', line: 'syncer.sync()' },
    { filename: '/authentik/sources/kerberos/sync.py', lineno: 112, name: 'sync', line: 'for principal in self._connection.list_principals(None):' },
  ],
};

export const KERBEROS_DISABLED_NOTE = 'Source is disabled or user syncing is disabled for this Source';

/** What a run of `o` contains, for a variant; `seed` makes ids and durations differ between runs. */
export function kindRunSpec(o: KindObject, variant: Variant, seed: string): KindRunSpec {
  const rng = new Prng(`kind-run:${o.kind}/${o.id}:${seed}`);
  if (o.kind === 'kerberos') {
    const durationMs = rng.int(5_000, 11_000);
    if (o.behaviour === 'disabled') return { pages: [], notes: [], disabled: true, durationMs: 300 };
    if (variant === 'failed') return { pages: [], notes: [], failure: KADMIN_FAILURE, durationMs: 2_000 };
    if (variant === 'problem' || variant === 'hostile') return { pages: [], notes: [KERBEROS_DISABLED_NOTE], durationMs: 400 };
    return { pages: [], notes: [], durationMs };
  }
  if (o.behaviour === 'unassigned') return { pages: [], notes: [], unassigned: true, durationMs: 150 };
  let pages = providerPages(rng, o);
  if (variant === 'problem' || variant === 'hostile') {
    const users = variant === 'hostile' ? HOSTILE_NAMES.map((name) => ({ name, displayName: name })) : USERS.slice(0, 3);
    pages = withFailures(pages, users.map((u, i) => userFailure(o, u, 1187 + i * 211)));
  }
  if (o.behaviour === 'dry-run') {
    const base = 'https://admin.googleapis.com/admin/directory/v1';
    pages = pages.map((p) => {
      if (p.model === 'group') return { ...p, dropped: [{ model: 'Group' as const, name: 'Staging Testers', displayName: 'Staging Testers', pk: 77, method: 'POST' as const, url: `${base}/groups` }] };
      const dropped = USERS.slice(0, 4).map((u, i) => ({ model: 'User' as const, ...u, pk: 2101 + i, method: i % 2 === 0 ? ('POST' as const) : ('PUT' as const), url: `${base}/users${i % 2 === 0 ? '' : `/${u.name}@corp.example.com`}` }));
      return { ...p, dropped };
    });
  }
  if (variant === 'failed') {
    const { model, failure } = providerFailure(o);
    const target = pages.find((p) => p.model === model);
    pages = pages.map((p) => (p === target ? { ...p, rejected: failure, durationMs: 6 * MINUTE } : p));
  }
  return { pages, notes: [], durationMs: SECOND };
}
