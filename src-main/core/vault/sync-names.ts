import type { SyncEngine } from '../../contract/notes';

/**
 * The file names sync engines make in a folder they sync, told from the names a person gives: partial and
 * temporary files (never a file of the vault), iCloud's placeholders of files not downloaded yet, and the
 * conflict copies each engine leaves beside a file edited on two machines at once. Names only: nothing here
 * touches the disk. Patterns as the engines write them (Syncthing lib/fs/tempname.go and lib/model/folder_sendrecv.go,
 * Nextcloud desktop's Utility::makeConflictFileName, Dropbox's help pages); every one is unit-tested with near-misses.
 */

/** What a conflict copy's name says; the time is the copying machine's wall clock, its zone unknown. */
export interface SyncConflictName {
  readonly engine: SyncEngine;
  /** The name of the file it is a copy of (for a copy of a copy, the first file's). */
  readonly original: string;
  /** Syncthing's 7-character short device id, Nextcloud's user, Dropbox's device; null when the name has none. */
  readonly device: string | null;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM:SS`; null when the engine writes the date alone (Dropbox). */
  readonly time: string | null;
}

/** Temporary and partial files, one rule per engine: what is being downloaded, or the engine's own state. */
const TEMPORARY: readonly RegExp[] = [
  // Syncthing: `.syncthing.<name>.tmp`, and `~syncthing~<name>.tmp` on Windows (where dot-names are not hidden).
  /^\.syncthing\..+\.tmp$/,
  /^~syncthing~.+\.tmp$/,
  // Nextcloud / ownCloud: a download in progress `.<name>.~<hex>`, LibreOffice's `.~lock.<name>#` it leaves alone,
  // and `<name>.part` (also the partial-download name of browsers).
  /^\..+\.~[0-9a-f]+$/i,
  /^\.~lock\..*#$/,
  /\.part$/i,
  // Dropbox: its cache folder and its per-folder state files.
  /^\.dropbox(\.cache|\.attr)?$/,
];

/** iCloud Drive's stand-in for a file it has not downloaded: `.<name>.icloud` (a property list, not the file). */
const ICLOUD_PLACEHOLDER = /^\.(.+)\.icloud$/;

export const isSyncTemporaryName = (name: string): boolean => TEMPORARY.some((pattern) => pattern.test(name));

/** The name of the file an iCloud placeholder stands for, or null when `name` is not one. */
export function iCloudPlaceholderOf(name: string): string | null {
  const original = ICLOUD_PLACEHOLDER.exec(name)?.[1];
  return original !== undefined && !original.startsWith('.') ? original : null;
}

// Syncthing: `<stem>.sync-conflict-YYYYMMDD-HHMMSS-<short device id>[.<ext>]`; the id is 7 base32 letters.
const SYNCTHING_CONFLICT = /^(.+)\.sync-conflict-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([A-Z2-7]{7})(\.[^.]+)?$/;
// Nextcloud: `<stem> (conflicted copy [<user> ]YYYY-MM-DD HHMMSS)[.<ext>]`; the user never holds parentheses.
const NEXTCLOUD_CONFLICT = /^(.+) \(conflicted copy (?:([^()]+) )?(\d{4})-(\d{2})-(\d{2}) (\d{2})(\d{2})(\d{2})\)(\.[^.]+)?$/;
// Older Nextcloud and ownCloud: `<stem>_conflict-YYYYMMDD-HHMMSS[.<ext>]`.
const NEXTCLOUD_OLD_CONFLICT = /^(.+)_conflict-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(\.[^.]+)?$/;
// Dropbox: `<stem> (<device>'s conflicted copy YYYY-MM-DD[ (n)])[ (n)][.<ext>]`, the apostrophe straight or curly.
const DROPBOX_CONFLICT = /^(.+) \(([^()]+?)['’]s conflicted copy (\d{4})-(\d{2})-(\d{2})(?: \(\d+\))?\)(?: \(\d+\))?(\.[^.]+)?$/;

/** What a conflict copy's name says, or null for any other name (a note titled "sync-conflict notes" included). */
export function conflictCopyOf(name: string): SyncConflictName | null {
  const found = matchConflict(name);
  if (!found) return null;
  // A copy of a copy (both machines kept editing) belongs to the first file.
  const deeper = conflictCopyOf(found.original);
  return deeper ? { ...found, original: deeper.original } : found;
}

function matchConflict(name: string): SyncConflictName | null {
  let match = SYNCTHING_CONFLICT.exec(name);
  if (match) {
    const [, stem, year, month, day, hour, minute, second, device, ext] = match;
    return named('syncthing', stem! + (ext ?? ''), device!, [year!, month!, day!], [hour!, minute!, second!]);
  }
  match = NEXTCLOUD_CONFLICT.exec(name);
  if (match) {
    const [, stem, user, year, month, day, hour, minute, second, ext] = match;
    return named('nextcloud', stem! + (ext ?? ''), user ?? null, [year!, month!, day!], [hour!, minute!, second!]);
  }
  match = NEXTCLOUD_OLD_CONFLICT.exec(name);
  if (match) {
    const [, stem, year, month, day, hour, minute, second, ext] = match;
    return named('nextcloud', stem! + (ext ?? ''), null, [year!, month!, day!], [hour!, minute!, second!]);
  }
  match = DROPBOX_CONFLICT.exec(name);
  if (match) {
    const [, stem, device, year, month, day, ext] = match;
    return named('dropbox', stem! + (ext ?? ''), device!, [year!, month!, day!], null);
  }
  return null;
}

/** Null unless the date and time are real ones: `Plan_conflict-20261399-000000.md` is a note's name. */
function named(engine: SyncEngine, original: string, device: string | null, [year, month, day]: string[], time: string[] | null): SyncConflictName | null {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) return null;
  if (time && (Number(time[0]) > 23 || Number(time[1]) > 59 || Number(time[2]) > 59)) return null;
  return { engine, original, device: device?.trim() || null, date: `${year}-${month}-${day}`, time: time ? time.join(':') : null };
}
