import type { notesContract } from '../../contract/notes';
import type { DomainHandlers } from '../ipc/router';
import type { VaultContents, VaultSelection } from '../vault/vault-selection';
import { conflictCopyOf } from '../vault/sync-names';
import type { NoteVault } from './note-vault';

/**
 * What the notes calls tell about the notes they write, so the running session knows the notes it touched
 * (reflections/touched-notes.ts). Each runs the write it is given and answers what the write answered.
 */
export interface NoteWrites {
  /**
   * `write` puts new text over the note `name` (a save, a recovery restored in its place); `text`: the text it wrote.
   * The note may come back under a new name (a save that named it after its title).
   */
  overwrite<T extends { readonly name: string }>(name: string, write: () => Promise<T>, text: (written: T) => string): Promise<T>;
  /** `write` makes a note that was not there (a new note, a recovery restored as a copy). */
  add<T extends { readonly name: string; readonly content: string }>(write: () => Promise<T>): Promise<T>;
  /** `write` gives the note `name` a new name. */
  rename<T extends { readonly name: string }>(name: string, write: () => Promise<T>): Promise<T>;
}

export interface NotesHandlersOptions {
  /** The notes of the vault in use, which notes.setVault changes. */
  readonly notes: () => NoteVault;
  /** The vault folder in use, and its switch. */
  readonly vaults: Pick<VaultSelection<VaultContents>, 'state' | 'setFolder'>;
  /** The OS folder picker (CoreHost.chooseFolder); null where there is none. */
  readonly chooseFolder: (() => Promise<string | null>) | null;
  readonly writes: NoteWrites;
}

export function notesHandlers({ notes, vaults, chooseFolder, writes }: NotesHandlersOptions): DomainHandlers<typeof notesContract> {
  return {
    list: ({ query }) => ({ notes: notes().list(query), notesFolderOutside: notes().notesFolderOutside }),
    read: ({ name }) => notes().read(name),
    save: ({ name, content, baseVersion, nameFromText }) =>
      writes.overwrite(name, () => notes().save(name, content, baseVersion, { nameFromText }), () => content),
    create: ({ title, content }) => writes.add(() => notes().create(title, content)),
    rename: ({ name, newTitle }) => writes.rename(name, () => notes().rename(name, newTitle)),
    delete: ({ name }) => notes().delete(name),
    reveal: ({ name }) => notes().reveal(name),
    rescan: async () => {
      await notes().rescan();
      return null;
    },
    recoveries: async () => ({ items: await notes().recoveries() }),
    restoreRecovery: ({ name, mode }) =>
      mode === 'replace'
        ? writes.overwrite(name, () => notes().restoreRecovery(name, mode), (restored) => restored.content)
        : writes.add(() => notes().restoreRecovery(name, mode)),
    discardRecovery: ({ name }) => notes().discardRecovery(name),
    syncCopy: ({ name }) => notes().syncCopy(name),
    resolveSyncCopy: async ({ name, ...resolution }) => {
      const resolve = () => notes().resolveSyncCopy(name, resolution);
      const note = conflictCopyOf(name)?.original;
      // Taking the copy's text writes the note, which the running session counts as a note it touched.
      const resolved =
        resolution.keep === 'copy' && note
          ? await writes.overwrite(note, async () => ({ ...(await resolve()), name: note }), (done) => done.written ?? '')
          : await resolve();
      return { note: resolved.note, copy: resolved.copy };
    },
    vault: () => vaults.state(),
    setVault: ({ folder }) => vaults.setFolder(folder),
    chooseVaultFolder: async () => ({ folder: chooseFolder ? await chooseFolder() : null }),
  };
}
