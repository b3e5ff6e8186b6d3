/**
 * The operating system's trash, as the host provides it: Electron's `shell.trashItem` in the app, the
 * freedesktop.org trash in the Linux preview and tests. A deleted note can always be restored from there.
 */
export interface Trash {
  /** Moves a file into the trash; rejects (and leaves the file where it was) when that is not possible. */
  moveToTrash(path: string): Promise<void>;
}
