import { join } from 'node:path';
import { contract, type Contract } from '../contract';
import type { AppInfo } from '../contract/app';
import { BlockingProtection } from './blocking/blocking-protection';
import { BlockingService } from './blocking/blocking-service';
import { defaultBlocklists } from './blocking/default-blocklists';
import { GuardClient } from './guard-client/guard-client';
import { guardControl, type GuardInstaller } from './guard-client/guard-control';
import { watchGuard } from './guard-client/guard-watch';
import { detectLocalWebServer } from './blocking/local-server';
import type { Clock } from './clock';
import { DomainError } from './domain-error';
import { externalUrlToOpen } from './external-url';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { createRouter, type Handlers, type Router } from './ipc/router';
import { MathFiles, type PrintToPdf } from './notes/math-files';
import { NotificationsProtection } from './dnd/notifications-protection';
import { NoteVault } from './notes/note-vault';
import type { Protection } from './protection/protection';
import { ReflectionLog } from './reflections/reflection-log';
import { ReflectionService } from './reflections/reflection-service';
import { factsOfSession } from './reflections/session-facts';
import { notesChangedDuring, SessionNotes } from './reflections/session-notes';
import { FocusSessionService } from './session/session-service';
import { trashWithoutShell, type Trash } from './notes/trash';
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
  /**
   * What a focus session turns on after blocking, in order (notification muting); none in a bare test core. Built
   * from the core's settings, since a protection may read the user's choice (Settings → Notifications).
   */
  readonly protections?: (services: { readonly settings: SettingsService }) => readonly Protection[];
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
  readonly reflections: ReflectionService;
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
      const math = new MathFiles({ vaultDir, printToPdf: host.printToPdf ?? null });
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
  const blocking = new BlockingService({ settings, data: defaultBlocklists, guard });
  const stopBlockingEvents = blocking.onChange((state) => events.emit('blocking', 'changed', state));
  // The guard starts, stops and ends leases on its own; blocking.changed tells the renderer, which does not poll.
  const stopGuardWatch = watchGuard({ status: () => guard.status(), clock: host.clock, onChange: () => void blocking.refresh().catch(() => undefined) });
  const blockingProtection = new BlockingProtection({
    guard: guardClient,
    plan: () => blocking.leasePlan(),
    localServerPorts: async (addresses) => [...new Set((await detectLocalWebServer({ addresses })).map((listener) => listener.port))],
    now: () => host.clock.now(),
  });
  const reflections = new ReflectionService({ log: () => vaults.vault.reflections, clock: host.clock });
  // The notes saved between a session's start and end, reported by the notes calls below.
  const sessionNotes = new SessionNotes();
  const hostProtections = host.protections?.({ settings }) ?? [];
  const notificationsProtection = hostProtections.find((protection) => protection instanceof NotificationsProtection) ?? null;
  const session = await FocusSessionService.open({
    folder: join(host.info.dataDir, 'session'),
    clock: host.clock,
    settings,
    // Blocking first: it is the protection a session exists for; the host adds the rest (notification muting).
    protections: [blockingProtection, ...hostProtections],
    log: (level, message) => host.log(level, message),
    // An ended session becomes its reflection file, `pending`: the one record of ended sessions.
    recordEnded: async ({ session: ended, protections, reached }) => {
      const tracked = sessionNotes.notesOf(ended.id);
      const notesOfSession = sessionNotes.followedFromStart(ended.id)
        ? tracked
        : notesChangedDuring(tracked, notes().list(), ended.startedAt, ended.ending?.at ?? ended.endsAt);
      const facts = factsOfSession(ended, protections, notesOfSession, reached ?? null);
      if (facts) await reflections.recordEnded(facts);
    },
  });
  const stopSessionEvents = session.onChange((state) => {
    sessionNotes.setRunning(state.phase === 'running' ? state.session.id : null);
    events.emit('session', 'changed', state);
  });
  const resumed = session.state();
  if (resumed.phase === 'running') sessionNotes.setRunning(resumed.session.id, true);
  await retireSessionHistory(reflections, join(host.info.dataDir, 'session', 'history.json'), host);
  /** Writing or skipping the reflection of the session on the end screen moves that screen on. */
  /** A note's text before the session's first save of it: '' when it does not exist yet (or cannot be read). */
  const textOnDisk = async (name: string): Promise<string> => {
    try {
      return (await notes().read(name)).content;
    } catch {
      return '';
    }
  };
  const settleSession = async (sessionId: string) => {
    const state = session.state();
    if (state.phase === 'ended' && state.session.id === sessionId) await session.markReflected();
  };

  const handlers: Handlers<Contract> = {
    app: {
      info: () => ({ ...host.info, vaultDir: vaults.state().folder }),
      openExternal: async ({ url }) => {
        await host.openExternal(externalUrlToOpen(url));
        return null;
      },
    },
    settings: {
      get: () => settings.state(),
      update: (patch) => {
        if (patch.vault !== undefined) throw new DomainError('settings-invalid', 'The vault folder changes through notes.setVault', { path: 'vault' });
        return settings.update(patch);
      },
      dismissNotice: () => settings.dismissNotice(),
    },
    session: {
      state: () => session.state(),
      start: (request) => session.start(request),
      extend: () => session.extend(),
      requestEnd: () => session.requestEnd(),
      end: (request) => session.end(request),
    },
    notifications: {
      check: async () => (notificationsProtection ? notificationsProtection.check() : null),
    },
    blocking: {
      state: () => blocking.state(),
      setCategory: ({ id, enabled }) => blocking.setCategory(id, enabled),
      setBrowserPolicies: ({ enabled }) => blocking.setBrowserPolicies(enabled),
      addDomain: ({ domain }) => blocking.addDomain(domain),
      removeDomain: ({ domain }) => blocking.removeDomain(domain),
      addAllow: ({ domain }) => blocking.addAllow(domain),
      removeAllow: ({ domain }) => blocking.removeAllow(domain),
      import: ({ text }) => blocking.import(text),
      export: ({ format }) => blocking.export(format),
      guardInstall: () => blocking.guardInstall(),
      guardRepair: () => blocking.guardRepair(),
      guardUninstall: () => blocking.guardUninstall(),
      testBlock: ({ hostname }) => blocking.testBlock(hostname),
    },
    notes: {
      list: ({ query }) => ({ notes: notes().list(query), notesFolderOutside: notes().notesFolderOutside }),
      read: ({ name }) => notes().read(name),
      save: async ({ name, content, baseVersion }) => {
        const before = await sessionNotes.textBefore(name, () => textOnDisk(name));
        const saved = await notes().save(name, content, baseVersion);
        sessionNotes.saved(saved.name, content, before);
        return saved;
      },
      create: async ({ title, content }) => {
        const created = await notes().create(title, content);
        sessionNotes.saved(created.name, created.content, '');
        return created;
      },
      rename: async ({ name, newTitle }) => {
        const renamed = await notes().rename(name, newTitle);
        sessionNotes.renamed(name, renamed.name);
        return renamed;
      },
      delete: ({ name }) => notes().delete(name),
      reveal: ({ name }) => notes().reveal(name),
      rescan: async () => {
        await notes().rescan();
        return null;
      },
      recoveries: async () => ({ items: await notes().recoveries() }),
      restoreRecovery: async ({ name, mode }) => {
        // A restored copy is a new note (its text before is ''); a replaced note had the text on disk.
        const before = mode === 'replace' ? await sessionNotes.textBefore(name, () => textOnDisk(name)) : '';
        const restored = await notes().restoreRecovery(name, mode);
        sessionNotes.saved(restored.name, restored.content, before);
        return restored;
      },
      discardRecovery: ({ name }) => notes().discardRecovery(name),
      vault: () => vaults.state(),
      setVault: ({ folder }) => vaults.setFolder(folder),
      chooseVaultFolder: async () => ({ folder: host.chooseFolder ? await host.chooseFolder() : null }),
    },
    notesMath: {
      preamble: () => mathFiles().preamble(),
      savePreamble: ({ content, baseVersion }) => mathFiles().savePreamble(content, baseVersion),
      exportNote: ({ name, format, content }) => mathFiles().exportNote(name, format, content),
    },
    reflections: {
      list: (query) => reflections.list(query),
      get: ({ sessionId, timeZone }) => reflections.get(sessionId, timeZone),
      save: async ({ sessionId, answers, baseVersion }) => {
        const entry = await reflections.save(sessionId, answers, baseVersion);
        await settleSession(sessionId);
        return entry;
      },
      skip: async ({ sessionId }) => {
        const entry = await reflections.skip(sessionId);
        await settleSession(sessionId);
        return entry;
      },
      pending: async () => ({ entry: await reflections.pending() }),
      stats: (context) => reflections.stats(context),
      weekly: ({ language, ...context }) => reflections.weekly(context, language),
      export: ({ format, filter, language }) => reflections.export(format, filter, language),
      import: ({ format, content }) => reflections.import(format, content),
      tags: async ({ prefix }) => ({ tags: await reflections.tags(prefix) }),
    },
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
    reflections,
    async dispose() {
      stopBlockingEvents();
      stopGuardWatch();
      blocking.dispose();
      stopSessionEvents();
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
