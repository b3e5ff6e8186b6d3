import { join } from 'node:path';
import { contract, type Contract } from '../contract';
import type { AppInfo } from '../contract/app';
import { NOTE_TITLE_MAX_CHARS } from '../contract/notes';
import { appHandlers } from './app/app-handlers';
import { appsHandlers } from './apps/apps-handlers';
import { AppsProtection, leaseAppsOf } from './apps/apps-protection';
import { AppsService } from './apps/apps-service';
import { defaultAppCategories } from './apps/default-apps';
import { installedApps, installedAppsRootsHere } from './apps/installed-apps';
import type { AppEnforcer } from '../base/apps/app-enforcer';
import { LinuxAppEnforcer } from '../base/apps/linux-app-enforcer';
import { MacAppEnforcer } from '../base/apps/mac-app-enforcer';
import { WindowsAppEnforcer } from '../base/apps/windows-app-enforcer';
import { runningApps } from './apps/running-apps';
import { BlockingProtection } from './blocking/blocking-protection';
import { blockingHandlers } from './blocking/blocking-handlers';
import { BlockingService } from './blocking/blocking-service';
import { defaultBlocklists } from './blocking/default-blocklists';
import { GuardClient } from './guard-client/guard-client';
import { guardControl, type GuardInstaller } from './guard-client/guard-control';
import { guardNotRunning, watchGuard } from './guard-client/guard-watch';
import { detectLocalWebServer } from './blocking/local-server';
import type { Clock } from './clock';
import { unicodeFileNames } from './download-name';
import { notificationsHandlers } from './dnd/notifications-handlers';
import type { NotificationsMuting } from './dnd/notifications-protection';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { createRouter, type Handlers, type Router } from './ipc/router';
import { MathFiles, type PrintToPdf } from './notes/math-files';
import { notesHandlers } from './notes/notes-handlers';
import { notesMathHandlers } from './notes/notes-math-handlers';
import { trashWithoutShell } from './notes/freedesktop-trash';
import { NoteVault } from './notes/note-vault';
import type { Trash } from './notes/trash';
import { ReflectionLog } from './reflections/reflection-log';
import { ReflectionService } from './reflections/reflection-service';
import { reflectionsHandlers } from './reflections/reflections-handlers';
import { scheduleHandlers } from './schedule/schedule-handlers';
import { ScheduleService } from './schedule/schedule-service';
import { heldBlocksOf, ScheduleGuardSync } from './schedule/schedule-guard-sync';
import { ScheduleStore } from './schedule/schedule-store';
import { ScheduledSessions, termsOf } from './schedule/scheduled-sessions';
import { recordEndedSession, settleReflectedSession } from './reflections/session-reflection';
import { TouchedNotes } from './reflections/touched-notes';
import { FocusSessionService } from './session/session-service';
import { sessionHandlers } from './session/session-handlers';
import { settingsHandlers } from './settings/settings-handlers';
import { SettingsService } from './settings/settings-service';
import type { SettingsStorage } from './settings/settings-storage';
import { VaultSelection, vaultDataDir } from './vault/vault-selection';

/** What the host (Electron shell or browser preview) provides to the core. */
export interface CoreHost {
  readonly info: AppInfo;
  readonly clock: Clock;
  readonly settingsStorage: SettingsStorage;
  /** Hands an already validated https:/mailto: URL to the OS. */
  openExternal(url: string): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** The OS trash for deleted notes (Electron: `shell.trashItem`); without it, the freedesktop trash on Linux. */
  readonly trash?: Trash;
  /** Shows a file in the file manager (Electron: `shell.showItemInFolder`); absent in the browser preview. */
  readonly revealInFolder?: (path: string) => Promise<void>;
  /** Prints standalone HTML to PDF (Electron: `webContents.printToPDF`); absent in the browser preview. */
  readonly printToPdf?: PrintToPdf;
  /** The OS folder picker for the vault (Electron: `dialog.showOpenDialog`); null when cancelled; absent in the preview. */
  readonly chooseFolder?: () => Promise<string | null>;
  /** The OS file picker for an app to close (Electron: `dialog.showOpenDialog`); null when cancelled; absent in the preview. */
  readonly chooseFile?: () => Promise<string | null>;
  /**
   * Muting the system's notifications, which a session turns on after blocking and Settings asks about; none in a
   * bare test core. Built from the core's settings, since it reads the user's choice (Settings → Notifications).
   */
  readonly notifications?: (services: { readonly settings: SettingsService }) => NotificationsMuting;
  /** The guard's socket (Unix socket or Windows pipe); null where none can exist (the preview, unless given one). */
  readonly guardSocketPath?: string | null;
  /** Installs, repairs and removes the guard through the OS's admin prompt; null where that is impossible. */
  readonly guardInstaller?: GuardInstaller | null;
}

export interface Core {
  readonly router: Router;
  readonly events: EventHub<Contract>;
  readonly settings: SettingsService;
  readonly notes: NoteVault;
  readonly session: FocusSessionService;
  readonly blocking: BlockingService;
  readonly apps: AppsService;
  readonly reflections: ReflectionService;
  readonly schedule: ScheduleService;
  /** Starts the sessions of the schedule's windows while the app runs; the shell shows its notice and next window. */
  readonly scheduled: ScheduledSessions;
  dispose(): Promise<void>;
}

/** Builds every core service and the one router over them; the same code runs in Electron and in the preview. */
export async function createCore(host: CoreHost): Promise<Core> {
  const events = createEventHub(contract);
  const settings = await SettingsService.open(host.settingsStorage, host.clock);
  const stopSettingsEvents = settings.onChange((state) => events.emit('settings', 'changed', state));
  // `host.info.vaultDir` is the default; the folder chosen in Settings wins, and can change while the app runs.
  const vaults = await VaultSelection.open({
    settings,
    defaultFolder: host.info.vaultDir,
    canChoose: host.chooseFolder !== undefined,
    openVault: async (vaultDir) => {
      const dataDir = vaultDataDir(host.info.dataDir, host.info.vaultDir, vaultDir);
      const log = (level: 'info' | 'warn' | 'error', message: string) => host.log(level, message);
      const notes = await NoteVault.open({ vaultDir, dataDir, clock: host.clock, trash: host.trash ?? trashWithoutShell(host.clock), revealInFolder: host.revealInFolder ?? null, log });
      notes.onChange((names) => events.emit('notes', 'changed', { names }));
      const reflections = await ReflectionLog.open({ vaultDir, cachePath: join(dataDir, 'reflections-index.json'), clock: host.clock, log });
      reflections.onChange((progress) => events.emit('reflections', 'changed', { progress }));
      const math = new MathFiles({ vaultDir, printToPdf: host.printToPdf ?? null, notes });
      const close = async () => {
        await Promise.all([notes.close(), reflections.close()]);
      };
      return { notes, reflections, math, close };
    },
    // Notes that appeared or vanished with the switch, and the other vault's reflection log.
    onSwitched: (previous, next) => {
      const names = new Set([...previous.notes.list(), ...next.notes.list()].map((note) => note.name));
      if (names.size > 0) events.emit('notes', 'changed', { names: [...names] });
      events.emit('reflections', 'changed', { progress: next.reflections.indexProgress() });
    },
  });
  const notes = () => vaults.vault.notes;
  const mathFiles = () => vaults.vault.math;
  const guardClient = host.guardSocketPath ? new GuardClient(host.guardSocketPath) : null;
  const guard = guardControl({ client: guardClient, installer: host.guardInstaller ?? null, appVersion: host.info.version });
  // Linux, macOS and Windows have an enforcer; elsewhere the protection says so rather than pretend.
  const appEnforcer = appEnforcerFor(host.info.platform);
  const apps = new AppsService({
    settings,
    categories: defaultAppCategories,
    supported: appEnforcer !== null,
    platform: host.info.platform,
    ...(host.chooseFile ? { chooseFile: host.chooseFile } : {}),
  });
  const blocking = new BlockingService({ settings, data: defaultBlocklists, guard, ownApps: apps });
  const stopBlockingEvents = blocking.onChange((state) => events.emit('blocking', 'changed', state));
  // The guard starts, stops and ends leases on its own; blocking.changed tells the renderer, which does not poll.
  const stopGuardWatch = watchGuard({ status: () => guard.status(), failed: guardNotRunning, clock: host.clock, onChange: () => void blocking.refresh().catch(() => undefined) });
  const blockingProtection = new BlockingProtection({
    guard: guardClient,
    plan: (blocks, allowOnly) => blocking.leasePlan(blocks, allowOnly),
    // The session's one lease carries the apps too: the guard closes them, verified by the apps protection.
    apps: (blocks) => leaseAppsOf(apps, blocks),
    localServerPorts: async (addresses) => [...new Set((await detectLocalWebServer({ addresses })).map((listener) => listener.port))],
    now: () => host.clock.now(),
  });
  const stopAppsEvents = apps.onChange((state) => events.emit('apps', 'changed', state));
  const appsProtection = new AppsProtection({
    lists: apps,
    enforcer: appEnforcer,
    platform: host.info.platform,
    installed: (list) => installedApps(list, host.info.platform, installedAppsRootsHere()),
    guard: guardClient,
    clock: host.clock,
  });
  const schedule = new ScheduleService({ store: new ScheduleStore(join(host.info.dataDir, 'schedule.json')), clock: host.clock });
  const stopScheduleEvents = schedule.onChange((state) => events.emit('schedule', 'changed', state));
  const reflections = new ReflectionService({
    log: () => vaults.vault.reflections,
    clock: host.clock,
    unicodeFileNames: unicodeFileNames(),
    // A parked thought made a note: named by the thought, which is also its first heading.
    makeNote: async (thought) => (await notes().create(thought.slice(0, NOTE_TITLE_MAX_CHARS), `# ${thought}\n\n`)).name,
    // Skips recorded in the schedule count in the weekly review; an unreadable schedule counts none.
    skippedDates: async () => {
      const state = await schedule.state();
      return state.state === 'ready' ? state.schedule.skips.map((skip) => skip.date) : [];
    },
  });
  // The notes a session touched: the notes calls write through it, the reflection of a session that ended reads it.
  const touchedNotes = new TouchedNotes(notes);
  const notifications = host.notifications?.({ settings }) ?? null;
  const session = await FocusSessionService.open({
    folder: join(host.info.dataDir, 'session'),
    clock: host.clock,
    settings,
    // Blocking first: it is the protection a session exists for; then the host's notification muting, then apps.
    protections: notifications ? [blockingProtection, notifications, appsProtection] : [blockingProtection, appsProtection],
    log: (level, message) => host.log(level, message),
    recordEnded: recordEndedSession(reflections, (ended) => touchedNotes.of(ended)),
    // A session started by hand inside a schedule window runs at least to its end (docs/schedules.md).
    windowAt: async (now) => {
      const window = await schedule.windowAt(now);
      return window && termsOf(window);
    },
  });
  // Ahead of the session's event: the running session is known before anyone hears of it.
  const stopTouchedNotes = touchedNotes.follow(session);
  const stopSessionEvents = session.onChange((state) => events.emit('session', 'changed', state));
  await retireSessionHistory(reflections, join(host.info.dataDir, 'session', 'history.json'), host);
  // The guard holds the windows, to enforce them with the app closed; each window's blocks become a lease's as a session's do.
  const scheduleSync = new ScheduleGuardSync({
    guard: guardClient,
    asked: () => schedule.asked(),
    resolve: (blocks) =>
      heldBlocksOf(blocking.leasePlan(blocks, blocks.allowOnly), leaseAppsOf(apps, blocks)),
    clock: host.clock,
    log: (level, message) => host.log(level, message),
  });
  const pushSchedule = () => void scheduleSync.push();
  // What windows block follows Settings; a guard that came up (blocking's state follows it) gets the schedule too.
  const stopSchedulePushes = [schedule.onChange(pushSchedule), blocking.onChange(pushSchedule), apps.onChange(pushSchedule)];
  void scheduleSync.start();
  // After the journal's session is resumed: a window running now finds it (and joins it) or starts its own.
  const scheduled = await ScheduledSessions.open({ schedule, session, clock: host.clock, log: (level, message) => host.log(level, message) });

  const handlers: Handlers<Contract> = {
    app: appHandlers({ info: host.info, vaultFolder: () => vaults.state().folder, openExternal: (url) => host.openExternal(url) }),
    settings: settingsHandlers(settings),
    session: sessionHandlers(session),
    notifications: notificationsHandlers(notifications),
    blocking: blockingHandlers(blocking),
    apps: appsHandlers(apps, () => runningApps(host.info.platform)),
    notes: notesHandlers({ notes, vaults, chooseFolder: host.chooseFolder ?? null, writes: touchedNotes }),
    notesMath: notesMathHandlers(mathFiles),
    reflections: reflectionsHandlers(reflections, { endRecorded: () => session.endRecorded(), reflected: settleReflectedSession(session) }),
    schedule: scheduleHandlers(schedule),
  };

  const router = createRouter(contract, handlers, {
    onRefused: (channel, reason, caller) => host.log('warn', `refused ${channel} from ${caller.description}: ${reason}`),
    onInternalError: (channel, error) => host.log('error', `${channel} failed: ${error instanceof Error ? error.stack : String(error)}`),
  });

  return {
    router,
    events,
    settings,
    get notes() {
      return vaults.vault.notes;
    },
    session,
    blocking,
    apps,
    reflections,
    schedule,
    scheduled,
    async dispose() {
      for (const stop of stopSchedulePushes) stop();
      scheduleSync.dispose();
      stopScheduleEvents();
      await scheduled.dispose();
      stopBlockingEvents();
      stopGuardWatch();
      blocking.dispose();
      stopAppsEvents();
      apps.dispose();
      stopSessionEvents();
      stopTouchedNotes();
      await session.dispose();
      stopSettingsEvents();
      await vaults.close();
    },
  };
}

/**
 * The old session history becomes reflection files once (see reflections/history-migration.ts). A vault that cannot
 * take them now leaves the history where it is, to be moved on the next start; the app starts either way.
 */
async function retireSessionHistory(reflections: ReflectionService, historyPath: string, host: CoreHost): Promise<void> {
  try {
    const result = await reflections.migrateHistory(historyPath);
    if (result.kind === 'migrated') host.log('info', `moved ${result.sessions} sessions from the old history into the reflection log; the history is kept at ${result.movedTo}`);
    if (result.kind === 'unreadable') host.log('error', `the old session history ${historyPath} is unreadable (${result.reason}); left as it is`);
  } catch (error) {
    host.log('error', `could not move the old session history into the reflection log yet: ${String(error)}`);
  }
}

/** The app's own enforcer of the app lists on this system (issue 21), null where there is none. */
function appEnforcerFor(platform: string): AppEnforcer | null {
  switch (platform) {
    case 'linux':
      return new LinuxAppEnforcer();
    case 'darwin':
      return new MacAppEnforcer();
    case 'win32':
      return new WindowsAppEnforcer();
    default:
      return null;
  }
}
