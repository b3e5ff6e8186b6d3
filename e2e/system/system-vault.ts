import { systemClock } from '../../src-main/core/clock';
import { NoteVault } from '../../src-main/core/notes/note-vault';
import { trashWithoutShell } from '../../src-main/core/notes/freedesktop-trash';

/** A vault as the app opens one, on the real clock and trash, without a watcher: what the system tests drive. */
export function openSystemVault(vaultDir: string, dataDir: string, log: (level: string, message: string) => void = () => undefined): Promise<NoteVault> {
  return NoteVault.open({ vaultDir, dataDir, clock: systemClock, trash: trashWithoutShell(systemClock), revealInFolder: null, log, watch: false });
}
