import { connect } from 'node:net';
import { z } from 'zod';
import { MAX_APP_RULE_INPUT } from '../base/apps/app-rule';

/**
 * The guard's socket protocol: one JSON object per line, one request and one reply per connection.
 * Nothing here names a path, a file or a command (guard invariant 1 in docs/ARCHITECTURE.md): only sessions, times, hostnames and URL rules
 * (a hostname and a path prefix, which the guard re-validates and writes only into browser policies at fixed locations),
 * and app rules: names, paths and ids the guard compares with the binaries the installing user runs, never opens or runs.
 */

/** The most hostnames one lease may carry (the guard refuses more; the app's blocklist expands within it). */
export const MAX_LEASE_HOSTNAMES = 5000;
/** 5,000 hostnames of up to 253 characters fit; anything larger is refused before parsing. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** The longest lease the guard accepts, so no bug in the app can block sites for days. */
export const MAX_LEASE_MS = 24 * 60 * 60 * 1000;

const SessionId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);
export const LeaseMode = z.enum(['flexible', 'committed', 'locked']);
export type LeaseMode = z.infer<typeof LeaseMode>;

/** Most URL rules one lease may carry (block and allow each). */
export const MAX_URL_RULES = 2000;
/** A rule the browsers enforce: a hostname and a path prefix ('/' is the whole site). The guard re-validates both. */
export const UrlRule = z.object({ host: z.string().max(253), path: z.string().max(1024) }).strict();
export type UrlRule = z.infer<typeof UrlRule>;
export const UrlRules = z.object({ block: z.array(UrlRule).max(MAX_URL_RULES), allow: z.array(UrlRule).max(MAX_URL_RULES) }).strict();
export type UrlRules = z.infer<typeof UrlRules>;
/**
 * Most sites an allowlist session ("only these sites") may allow. Chromium reads at most 1,000 entries of
 * URLAllowlist, and the organisation's own entries share them.
 */
export const MAX_ALLOW_ONLY_SITES = 500;
/** An allowlist session's sites: browsers block every other site. Null (the default): an ordinary session. */
export const AllowOnly = z.array(UrlRule).max(MAX_ALLOW_ONLY_SITES).nullable();

/** Most apps one lease may carry (the built-in list has a few dozen; a user adds at most 50). */
export const MAX_LEASE_APPS = 300;
export const MAX_LEASE_APP_RULES_PER_KIND = 20;
/** The longest grace between the polite close and the forced one a lease may ask for. */
export const MAX_APP_CLOSE_GRACE_MS = 60_000;
export const DEFAULT_APP_CLOSE_GRACE_MS = 3000;

const AppRules = z.array(z.string().max(MAX_APP_RULE_INPUT)).max(MAX_LEASE_APP_RULES_PER_KIND).default(() => []);
const NO_MAC_RULES = { bundleIds: [], appPaths: [] };
const NO_WINDOWS_RULES = { imageNames: [], paths: [] };
/**
 * One app of a lease: its id (for the launch counts) and how it is recognised on Linux, macOS and Windows, each set
 * re-validated by the guard with that OS's validator. The macOS and Windows sets are absent from an app older than
 * the guard closing apps there: none.
 */
export const LeaseApp = z
  .object({
    id: z.string().min(1).max(64).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    linux: z.object({ executables: AppRules, paths: AppRules, appImages: AppRules, flatpaks: AppRules, snaps: AppRules }).strict(),
    macos: z.object({ bundleIds: AppRules, appPaths: AppRules }).strict().default(() => ({ ...NO_MAC_RULES })),
    windows: z.object({ imageNames: AppRules, paths: AppRules }).strict().default(() => ({ ...NO_WINDOWS_RULES })),
  })
  .strict();
export type LeaseApp = z.infer<typeof LeaseApp>;
/**
 * The apps the guard keeps closed for the installing user while the lease runs (empty: none), the grace before a
 * close is forced, and how long apps already open when the lease is taken are left to the user (0: closed at once).
 */
export const LeaseApps = z
  .object({
    entries: z.array(LeaseApp).max(MAX_LEASE_APPS),
    graceMs: z.number().int().min(0).max(MAX_APP_CLOSE_GRACE_MS),
    // Absent (an app from before the wait): closed at once.
    openAppsWaitMs: z.number().int().min(0).max(MAX_APP_CLOSE_GRACE_MS).default(0),
  })
  .strict();
export type LeaseApps = z.infer<typeof LeaseApps>;
export const NO_LEASE_APPS: LeaseApps = { entries: [], graceMs: DEFAULT_APP_CLOSE_GRACE_MS, openAppsWaitMs: 0 };

export const LeaseRequest = z
  .object({
    type: z.literal('lease'),
    sessionId: SessionId,
    /** Wall-clock end, ms since the epoch. */
    endsAt: z.number().int().min(0).max(8.64e15),
    mode: LeaseMode,
    // Raw strings: the guard re-validates each one itself (invariant 2). Empty only when browser rules block something.
    hostnames: z.array(z.string().max(1024)).max(MAX_LEASE_HOSTNAMES),
    /** What browsers enforce through their managed policies; absent or false: no browser policy is written. */
    browserPolicies: z.boolean().default(false),
    urlRules: UrlRules.default({ block: [], allow: [] }),
    /** Needs `browserPolicies`; absent (an older app): an ordinary session. */
    allowOnly: AllowOnly.default(null),
    /** Absent (an older app): no apps. */
    apps: LeaseApps.default(NO_LEASE_APPS),
  })
  .strict();
export type LeaseRequest = z.infer<typeof LeaseRequest>;

/**
 * The schedule the guard holds while the app is closed (issue 22, docs/GUARD.md "Held schedule"): the windows of the
 * next days, each already resolved into what a lease carries. Windows name a set of `blocks` by index, so windows of
 * one rule carry its hostnames once. Validated exactly as a lease is; what may be dropped at once and what waits
 * `loosenDelayMs` is the guard's rule of commitment (guard/schedule-hold.ts).
 */
export const MAX_HELD_WINDOWS = 160;
export const MAX_HELD_BLOCK_SETS = 40;
/** Nothing further ahead than this is held: the app renews 7 days daily, a day more covers a missed renewal. */
export const MAX_SCHEDULE_AHEAD_MS = 8 * 24 * 60 * 60 * 1000;
/** The wait for loosening a locked window: at most a week (the app offers 1 hour to 7 days). */
export const MAX_LOOSEN_DELAY_MS = 7 * 24 * 60 * 60 * 1000;
export const WindowId = z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/);
export const HeldBlocks = LeaseRequest.pick({ hostnames: true, browserPolicies: true, urlRules: true, allowOnly: true, apps: true });
export type HeldBlocks = z.infer<typeof HeldBlocks>;
export const HeldWindowRequest = z
  .object({
    id: WindowId,
    /** Wall-clock instants, ms since the epoch. */
    startsAt: z.number().int().min(0).max(8.64e15),
    endsAt: z.number().int().min(0).max(8.64e15),
    mode: LeaseMode,
    /** Index into the request's `blocks`. */
    blocks: z.number().int().min(0).max(MAX_HELD_BLOCK_SETS - 1),
  })
  .strict();
export type HeldWindowRequest = z.infer<typeof HeldWindowRequest>;
export const ScheduleRequest = z
  .object({
    type: z.literal('schedule'),
    blocks: z.array(HeldBlocks).max(MAX_HELD_BLOCK_SETS),
    windows: z.array(HeldWindowRequest).max(MAX_HELD_WINDOWS),
    loosenDelayMs: z.number().int().min(1000).max(MAX_LOOSEN_DELAY_MS),
  })
  .strict();
export type ScheduleRequest = z.infer<typeof ScheduleRequest>;

export const GuardRequest = z.discriminatedUnion('type', [
  LeaseRequest,
  ScheduleRequest,
  z.object({ type: z.literal('release'), sessionId: SessionId }).strict(),
  z.object({ type: z.literal('status') }).strict(),
]);
export type GuardRequest = z.infer<typeof GuardRequest>;
/** A request as sent: fields with a default may be left out. */
export type GuardRequestInput = z.input<typeof GuardRequest>;

export const RefusalCode = z.enum([
  'bad-request',
  'too-large',
  'invalid-hostname',
  'invalid-url-rule',
  'invalid-app-rule',
  'lease-in-past',
  'lease-too-long',
  'locked',
  'other-session',
  'busy',
  'schedule-too-far',
]);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** The browsers whose managed policies this guard writes (browser-policies/browser-targets.ts). */
export const BrowserId = z.enum(['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox']);
export type BrowserId = z.infer<typeof BrowserId>;
/**
 * One browser as the guard sees it now: installed, whether our policy is in force in it, or why not. On the wire its
 * id is any short name, so a browser only a newer guard knows leaves the report readable to an older app, which
 * shows those it knows (core/guard-client/guard-control.ts).
 */
export const BrowserCoverage = z.object({ id: z.string().max(32), installed: z.boolean(), policyActive: z.boolean(), problem: z.string().max(500).nullable() }).strict();
export type BrowserCoverage = z.infer<typeof BrowserCoverage>;

/** The most reach attempts one lease keeps; later ones are only counted (`dropped`), so memory stays bounded. */
export const MAX_REACH_ATTEMPTS = 2000;
/** One connection to a blocked host that reached the guard's listener: its name (Host header or TLS SNI), when, how. */
export const ReachAttempt = z.object({ host: z.string().max(253), at: z.number().int(), kind: z.enum(['http', 'https']) }).strict();
export type ReachAttempt = z.infer<typeof ReachAttempt>;
/** Why the listener is not up; the hosts file then points blocked hosts at 0.0.0.0. */
export const ReachProblem = z.enum(['disabled', 'port-in-use', 'address-unavailable', 'not-permitted', 'failed']);
export type ReachProblem = z.infer<typeof ReachProblem>;
/**
 * The reach counter: `idle` without a lease (nothing listens); `listening` while blocked hosts point at `address`,
 * where the guard answers; `fallback` when it could not listen (they point at 0.0.0.0 and nothing is counted).
 */
export const ReachListener = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }).strict(),
  z.object({ state: z.literal('listening'), address: z.string().max(64), httpPort: z.number().int(), httpsPort: z.number().int() }).strict(),
  z.object({ state: z.literal('fallback'), problem: ReachProblem, port: z.number().int().nullable(), message: z.string().max(500) }).strict(),
]);
export type ReachListener = z.infer<typeof ReachListener>;
export const ReachReport = z
  .object({
    listener: ReachListener,
    /**
     * The lease the attempts belong to: the current one, or the last one after it ended or was released (kept until
     * the next lease, so a session ending at the same moment as its lease still finds them). `counted`: whether the
     * listener was up for it. Null before any lease since the guard started.
     */
    session: z.object({ sessionId: SessionId, counted: z.boolean() }).strict().nullable(),
    /** That lease's attempts, oldest first; hosts outside the lease and other accounts' connections are not kept, only counted in `ignored`. */
    attempts: z.array(ReachAttempt).max(MAX_REACH_ATTEMPTS),
    dropped: z.number().int().min(0),
    ignored: z.number().int().min(0),
  })
  .strict();
export type ReachReport = z.infer<typeof ReachReport>;

/** Why the guard closes no apps although the lease lists some. */
export const GuardAppsProblem = z.enum(['unsupported-platform', 'no-user', 'failed']);
export type GuardAppsProblem = z.infer<typeof GuardAppsProblem>;
/**
 * The guard's app enforcement: `enforcing` while it closes the apps of the active lease for the installing user;
 * `session` and `launches`: the lease the counts belong to (the current one, or the last one after it ended, kept
 * until the next lease, like the reach counter's) and each app's launch attempts, as the enforcer counted them.
 */
export const GuardAppsReport = z
  .object({
    enforcing: z.boolean(),
    problem: GuardAppsProblem.nullable(),
    session: SessionId.nullable(),
    appCount: z.number().int().min(0).max(MAX_LEASE_APPS),
    launches: z.array(z.object({ appId: z.string().max(64), attempts: z.number().int().min(0) }).strict()).max(MAX_LEASE_APPS),
    /** The lease's apps already running when the guard began closing them: closed at once, or at `closesAt`. */
    openAtStart: z
      .object({ appIds: z.array(z.string().max(64)).max(MAX_LEASE_APPS), closesAt: z.number().int().nullable(), closed: z.boolean() })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type GuardAppsReport = z.infer<typeof GuardAppsReport>;

/**
 * The schedule as the guard holds it: each window, whether it runs now, and, for a locked window a push dropped or
 * loosened, when its removal takes effect; a shorter wait asked for, with when it takes effect. Times are the
 * guard's honest schedule time (docs/GUARD.md, "Held schedule").
 */
export const ScheduleReport = z
  .object({
    windows: z
      .array(
        z
          .object({
            id: WindowId,
            startsAt: z.number().int(),
            endsAt: z.number().int(),
            mode: LeaseMode,
            running: z.boolean(),
            removalAt: z.number().int().nullable(),
          })
          .strict(),
      )
      .max(MAX_HELD_WINDOWS * 2),
    /** True when the running windows' block is in the hosts file as of the last reconcile. */
    applied: z.boolean(),
    loosenDelayMs: z.number().int(),
    delayChange: z.object({ delayMs: z.number().int(), effectiveAt: z.number().int() }).strict().nullable(),
  })
  .strict();
export type ScheduleReport = z.infer<typeof ScheduleReport>;

/** What the guard says about itself (its version, lease and last reconcile); the app turns it into the UI's GuardStatus. */
export const GuardReport = z
  .object({
    version: z.string().max(50),
    lease: z
      .object({ sessionId: SessionId, endsAt: z.number().int(), mode: LeaseMode, hostnameCount: z.number().int().min(0) })
      .strict()
      .nullable(),
    /** True when an active lease's block is in the hosts file as of the last reconcile. */
    applied: z.boolean(),
    lastReconcileAt: z.number().int().nullable(),
    lastError: z.string().max(2000).nullable(),
    /** Each browser the guard knows on this OS: installed, whether our policy is in force now, or why not. */
    browsers: z.array(BrowserCoverage).max(32),
    /** Absent from a guard older than the reach counter (the app then shows a version mismatch, not a bad reply). */
    reach: ReachReport.optional(),
    /** Absent from a guard older than app enforcement. */
    apps: GuardAppsReport.optional(),
    /** Absent from a guard older than held schedules, and while none is held. */
    schedule: ScheduleReport.optional(),
  })
  .strict();
export type GuardReport = z.infer<typeof GuardReport>;

export const GuardReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ok'), status: GuardReport }).strict(),
  z.object({ type: z.literal('refused'), code: RefusalCode, message: z.string().max(500) }).strict(),
]);
export type GuardReply = z.infer<typeof GuardReply>;

export class GuardTransportError extends Error {
  constructor(
    readonly kind: 'not-installed' | 'unreachable' | 'timeout' | 'bad-reply',
    message: string,
  ) {
    super(message);
    this.name = 'GuardTransportError';
  }
}

/** Sends one request over the guard's socket (Unix socket or Windows named pipe) and returns its parsed reply. */
export function sendGuardRequest(socketPath: string, request: GuardRequestInput, timeoutMs: number): Promise<GuardReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let received = '';
    const fail = (error: GuardTransportError) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new GuardTransportError('timeout', `No reply from the guard within ${timeoutMs} ms`)));
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > MAX_MESSAGE_BYTES) fail(new GuardTransportError('bad-reply', 'Reply too large'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const kind = error.code === 'ENOENT' ? 'not-installed' : 'unreachable';
      fail(new GuardTransportError(kind, `${error.code ?? 'error'}: ${error.message}`));
    });
    socket.on('end', () => {
      const line = received.split('\n')[0] ?? '';
      let parsed: GuardReply;
      try {
        parsed = GuardReply.parse(JSON.parse(line));
      } catch {
        fail(new GuardTransportError('bad-reply', 'The guard sent a reply that is not understood'));
        return;
      }
      socket.destroy();
      resolve(parsed);
    });
  });
}
