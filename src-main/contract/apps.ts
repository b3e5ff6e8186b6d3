import { z } from 'zod';
import { call, event, noInput } from './define';

/**
 * Desktop apps a session closes (issue 21), beside the site lists. Only the shapes and limits live here; what an
 * entry may name (nothing a system process could match) is decided by `base/app-rule.ts`, which the guard will run
 * again, and the built-in entries are data in resources/apps/default-apps.json.
 */
export const AppCategoryId = z.enum(['chat', 'work-chat', 'video-feeds', 'games']);
export type AppCategoryId = z.infer<typeof AppCategoryId>;

/**
 * Chat, video and games are on by default: they are what pulls a person out of a session. Work chat is off: for
 * many people Slack, Feishu or DingTalk is where the work itself arrives, so closing it is a choice, made by those
 * who want a session with no colleagues in it (a writing morning, an exam).
 */
export const DEFAULT_APP_CATEGORIES: readonly AppCategoryId[] = ['chat', 'video-feeds', 'games'];

export const MAX_APP_RULES_PER_KIND = 20;
/** The longest executable name, path, id or pattern an entry may carry (a Linux path is at most 4096 bytes). */
export const MAX_APP_RULE_LENGTH = 512;

const Rules = z.array(z.string().min(1).max(MAX_APP_RULE_LENGTH)).max(MAX_APP_RULES_PER_KIND).default(() => []);

/**
 * How an app is recognised on Linux, each kind checked on the process's own facts, never on what it says of itself:
 * - `executables`: the file name of the running binary (the `/proc/<pid>/exe` link), e.g. `telegram-desktop`;
 * - `paths`: the binary's absolute path, or a folder ending in `/` whose binaries all belong to the app (`/opt/QQ/`);
 * - `appImages`: the AppImage's file name (its `APPIMAGE` variable), `*` standing for any run of characters, for a
 *   process running from an AppImage's mount (`/tmp/.mount_*`);
 * - `flatpaks`: the Flatpak app id (`[Application] name=` in `/proc/<pid>/root/.flatpak-info`);
 * - `snaps`: the snap's name (the binary runs from `/snap/<name>/`).
 */
export const LinuxAppRecognition = z
  .object({ executables: Rules, paths: Rules, appImages: Rules, flatpaks: Rules, snaps: Rules })
  .strict();
export type LinuxAppRecognition = z.infer<typeof LinuxAppRecognition>;

/** macOS: bundle identifiers (`CFBundleIdentifier` of the app's bundle) and `.app` paths (the app and its helpers). */
export const MacAppRecognition = z.object({ bundleIds: Rules, appPaths: Rules }).strict();
export type MacAppRecognition = z.infer<typeof MacAppRecognition>;

/** Windows: image names (`WeChat.exe`) and paths: an `.exe`, or an install folder ending in a backslash. */
export const WindowsAppRecognition = z.object({ imageNames: Rules, paths: Rules }).strict();
export type WindowsAppRecognition = z.infer<typeof WindowsAppRecognition>;

export const AppId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(64);
export type AppId = z.infer<typeof AppId>;

export const AppEntry = z
  .object({
    id: AppId,
    names: z.object({ en: z.string().min(1).max(100), 'zh-CN': z.string().min(1).max(100) }).strict(),
    category: AppCategoryId,
    linux: LinuxAppRecognition.default(() => LinuxAppRecognition.parse({})),
    macos: MacAppRecognition.default(() => MacAppRecognition.parse({})),
    windows: WindowsAppRecognition.default(() => WindowsAppRecognition.parse({})),
  })
  .strict();
export type AppEntry = z.infer<typeof AppEntry>;

/** Why a recognition rule was refused (`base/app-rule.ts` decides; the same codes, checked by a test). */
export const AppRuleRejection = z.enum([
  'empty',
  'too-long',
  'bad-character',
  'not-absolute',
  'too-broad',
  'system-process',
  'stillroom',
  'bad-flatpak-id',
  'bad-snap-name',
  'bad-appimage-pattern',
  'bad-bundle-id',
  'bad-app-path',
  'bad-image-name',
]);
export type AppRuleRejection = z.infer<typeof AppRuleRejection>;

/**
 * The kinds of rule a user's own entry may be, one rule each: Linux's as in `LinuxAppRecognition`, then macOS's
 * (`bundleId`, `appPath`: a `.app`) and Windows's (`imageName`: `WeChat.exe`, `windowsPath`: an `.exe` or a folder).
 */
export const OwnAppKind = z.enum(['executable', 'path', 'appImage', 'flatpak', 'snap', 'bundleId', 'appPath', 'imageName', 'windowsPath']);
export type OwnAppKind = z.infer<typeof OwnAppKind>;

/** One app the user added: one rule, stored in the canonical form `base/app-rule.ts` gave it. */
export const OwnApp = z.object({ kind: OwnAppKind, rule: z.string().min(1).max(MAX_APP_RULE_LENGTH) }).strict();
export type OwnApp = z.infer<typeof OwnApp>;

export const MAX_OWN_APPS = 50;

/** Between the polite close (SIGTERM) and the forced one: long enough for an app to save, short enough to matter. */
export const CLOSE_GRACE_SECONDS = { min: 1, max: 30, default: 3 } as const;

/** How long apps already open when a session starts are left for the user to close, when they asked for that. */
export const OPEN_APPS_WAIT_MS = 30_000;

export const AppsPrefs = z
  .object({
    /**
     * The whole feature's switch, off until the user turns it on in Settings: closing someone's chat app without
     * being asked would be hostile (a message half typed, a call), so a session closes apps only once chosen.
     */
    enabled: z.boolean().default(false),
    enabledCategories: z.array(AppCategoryId).max(AppCategoryId.options.length).default(() => [...DEFAULT_APP_CATEGORIES]),
    own: z.array(OwnApp).max(MAX_OWN_APPS).default(() => []),
    closeGraceSeconds: z.number().int().min(CLOSE_GRACE_SECONDS.min).max(CLOSE_GRACE_SECONDS.max).default(CLOSE_GRACE_SECONDS.default),
    /**
     * Apps already open when a session starts are closed at once (with one calm line saying so) unless the user
     * chose to close them themselves: then they are left alone for OPEN_APPS_WAIT_MS first. Launches during the
     * session are always closed at once.
     */
    waitForOpenApps: z.boolean().default(false),
  })
  .strict();
export type AppsPrefs = z.infer<typeof AppsPrefs>;

const AppNames = z.object({ en: z.string().min(1).max(MAX_APP_RULE_LENGTH), 'zh-CN': z.string().min(1).max(MAX_APP_RULE_LENGTH) }).strict();

export const AppsState = z
  .object({
    enabled: z.boolean(),
    /** Whether a session can close apps on this system (Linux, macOS, Windows). */
    supported: z.boolean(),
    categories: z
      .array(
        z
          .object({
            id: AppCategoryId,
            names: AppNames,
            /** Why a user might turn on a category that is off by default (work chat). */
            why: AppNames.nullable(),
            enabled: z.boolean(),
            apps: z.array(z.object({ id: AppId, names: AppNames }).strict()).max(100),
          })
          .strict(),
      )
      .max(AppCategoryId.options.length),
    own: z.array(OwnApp).max(MAX_OWN_APPS),
    closeGraceSeconds: z.number().int().min(CLOSE_GRACE_SECONDS.min).max(CLOSE_GRACE_SECONDS.max),
    waitForOpenApps: z.boolean(),
    /** Whether this host has a file picker ("Choose a file…"); the browser preview has none. */
    canChooseFile: z.boolean(),
    /** The kinds of own rule that mean something on this system (Linux's, macOS's or Windows's), for the form. */
    ownKinds: z.array(OwnAppKind).max(OwnAppKind.options.length),
  })
  .strict();
export type AppsState = z.infer<typeof AppsState>;

/** How often the user reached for one app during a session: each launch Stillroom closed. */
export const AppLaunchCount = z.object({ appId: AppId, names: AppNames, attempts: z.number().int().min(1).max(1_000_000) }).strict();
export type AppLaunchCount = z.infer<typeof AppLaunchCount>;

/** An app of the session's list, by name. */
export const ListedApp = z.object({ appId: AppId, names: AppNames }).strict();
export type ListedApp = z.infer<typeof ListedApp>;

/**
 * The apps of the list that were already open when the session started (they are not launches, and not counted):
 * closed at once, or, when the user chose to close them themselves, left alone until `closesAt` (epoch ms).
 */
export const AppsOpenAtStart = z
  .object({
    apps: z.array(ListedApp).min(1).max(200),
    closesAt: z.number().int().nonnegative().nullable(),
    /** Milliseconds left to the user (OPEN_APPS_WAIT_MS), or 0 when they were closed at once. */
    waitMs: z.number().int().min(0).max(10 * 60_000),
    /** Whether Stillroom has closed what was still open of them (at once, or when the wait ended). */
    closed: z.boolean(),
  })
  .strict();
export type AppsOpenAtStart = z.infer<typeof AppsOpenAtStart>;

/** Who closes the session's apps: the app's own core, or the guard from the session's lease (it holds while the app is closed). */
export const AppsEnforcedBy = z.enum(['app', 'guard']);
export type AppsEnforcedBy = z.infer<typeof AppsEnforcedBy>;

/** Apps being closed: by whom, how many are on the session's list, and each launch closed so far, most first. */
export const AppsActive = z
  .object({
    // A status journaled before the guard enforced apps was the app's own.
    by: AppsEnforcedBy.default('app'),
    appCount: z.number().int().min(0).max(1000),
    launches: z.array(AppLaunchCount).max(200),
    /**
     * The apps of the list found installed on this machine when the session started (core/apps/installed-apps.ts:
     * by looking at files, nothing run); null where this system is not looked at, or in a status kept before this was.
     */
    installed: z.array(ListedApp).max(200).nullable().default(null),
    /** Absent when none was open at the start (and in statuses recorded before it was reported). */
    openAtStart: AppsOpenAtStart.optional(),
  })
  .strict();
export type AppsActive = z.infer<typeof AppsActive>;

/** Why a session closes no apps: the user has not turned it on, nothing is on the list, or not on this system yet. */
export const AppsUnavailable = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('turned-off') }).strict(),
  z.object({ reason: z.literal('list-empty') }).strict(),
  z.object({ reason: z.literal('unsupported-platform'), platform: z.string().min(1).max(40) }).strict(),
]);
export type AppsUnavailable = z.infer<typeof AppsUnavailable>;

export const MAX_RUNNING_APPS = 200;

/** A program of the user's running now that could be added as an own entry: its name and the rule that would be added. */
export const RunningApp = z.object({ name: z.string().min(1).max(MAX_APP_RULE_LENGTH), own: OwnApp }).strict();
export type RunningApp = z.infer<typeof RunningApp>;

/** The user's running desktop programs (Linux, macOS, Windows: elsewhere an empty list that says so). */
export const RunningApps = z.object({ supported: z.boolean(), apps: z.array(RunningApp).max(MAX_RUNNING_APPS) }).strict();
export type RunningApps = z.infer<typeof RunningApps>;

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const appsErrorCodes = ['app-rule-refused', 'apps-too-many', 'app-file-chooser-unavailable'] as const;

const OwnAppInput = z.object({ kind: OwnAppKind, rule: z.string().max(2 * MAX_APP_RULE_LENGTH) }).strict();

export const appsContract = {
  state: call(noInput, AppsState),
  setEnabled: call(z.object({ enabled: z.boolean() }).strict(), AppsState),
  setCategory: call(z.object({ id: AppCategoryId, enabled: z.boolean() }).strict(), AppsState),
  /** Refused with `app-rule-refused` and the reason (`AppRuleRejection`) when the rule could reach a system process. */
  addOwn: call(OwnAppInput, AppsState),
  removeOwn: call(OwnApp, AppsState),
  /**
   * "Choose a file…": the host's file picker; the file becomes a `path` rule, or an `appImage` rule by its name when
   * it ends in `.AppImage`, through the same validator as `addOwn` (refused the same way, with `rule` in the params).
   * Cancelled: the state as it was. Refused with `app-file-chooser-unavailable` where the host has no picker.
   */
  addOwnFromFile: call(noInput, AppsState),
  setCloseGrace: call(z.object({ seconds: z.number().int().min(CLOSE_GRACE_SECONDS.min).max(CLOSE_GRACE_SECONDS.max) }).strict(), AppsState),
  setWaitForOpenApps: call(z.object({ enabled: z.boolean() }).strict(), AppsState),
  /** What could be picked to add: read on each call, never kept. */
  running: call(noInput, RunningApps),
  changed: event(AppsState),
};
