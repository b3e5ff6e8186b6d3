import { describe, expect, it } from 'vitest';
import { conflictCopyOf, iCloudPlaceholderOf, isSyncTemporaryName } from './sync-names';

describe('sync engine temporary names', () => {
  it.each([
    ['.syncthing.Note.md.tmp', 'Syncthing, while a file arrives'],
    ['~syncthing~Note.md.tmp', 'Syncthing on Windows'],
    ['.Note.md.~1a2b3c4d', 'Nextcloud, a download in progress'],
    ['.~lock.Note.md#', 'a lock file Nextcloud syncs around'],
    ['Note.md.part', 'a partial download'],
    ['Note.md.ocTransferId1234.part', 'ownCloud chunk'],
    ['.dropbox.cache', 'Dropbox cache folder'],
    ['.dropbox', 'Dropbox folder state'],
    ['.dropbox.attr', 'Dropbox attributes'],
  ])('%s is temporary (%s)', (name) => {
    expect(isSyncTemporaryName(name)).toBe(true);
  });

  it.each(['Note.md', 'syncthing notes.md', 'Note.tmp.md', '~syncthing~.md', 'Part two.md', 'partial.md', 'Dropbox.md', 'lock.md#notes.md', '.syncthing.md'])(
    '%s is not',
    (name) => {
      expect(isSyncTemporaryName(name)).toBe(false);
    },
  );
});

describe('iCloud placeholders', () => {
  it('names the file a placeholder stands for', () => {
    expect(iCloudPlaceholderOf('.Note.md.icloud')).toBe('Note.md');
    expect(iCloudPlaceholderOf('.笔记 2.md.icloud')).toBe('笔记 2.md');
  });

  it.each(['Note.md.icloud', '.icloud', '..hidden.md.icloud', '.Note.md', 'Note.icloud.md'])('%s is not one', (name) => {
    expect(iCloudPlaceholderOf(name)).toBeNull();
  });
});

describe('conflict copies', () => {
  it('reads Syncthing copies: device id and time from the name, the copy of a copy to the first note', () => {
    expect(conflictCopyOf('Note.sync-conflict-20261207-133737-FYBUD4K.md')).toEqual({
      engine: 'syncthing',
      original: 'Note.md',
      device: 'FYBUD4K',
      date: '2026-12-07',
      time: '13:37:37',
    });
    expect(conflictCopyOf('Chapter 2.sync-conflict-20261207-133737-FYBUD4K.md')?.original).toBe('Chapter 2.md');
    expect(conflictCopyOf('README.sync-conflict-20261207-133737-FYBUD4K')?.original).toBe('README');
    expect(conflictCopyOf('Note.sync-conflict-20261207-133737-FYBUD4K.sync-conflict-20261208-090000-JOSDVLO.md')).toMatchObject({
      original: 'Note.md',
      device: 'JOSDVLO',
      date: '2026-12-08',
    });
  });

  it('reads Nextcloud copies, with and without the user, and the older ownCloud form', () => {
    expect(conflictCopyOf('Note (conflicted copy 2026-12-07 133737).md')).toEqual({
      engine: 'nextcloud',
      original: 'Note.md',
      device: null,
      date: '2026-12-07',
      time: '13:37:37',
    });
    expect(conflictCopyOf('研究 计划 (conflicted copy alice 2026-12-07 090102).md')).toMatchObject({ original: '研究 计划.md', device: 'alice', time: '09:01:02' });
    expect(conflictCopyOf('Note_conflict-20261207-133737.md')).toMatchObject({ engine: 'nextcloud', original: 'Note.md', device: null, date: '2026-12-07' });
  });

  it("reads Dropbox copies with the device, the date alone, and the (1) Dropbox adds to a second one", () => {
    expect(conflictCopyOf("Note (Laptop's conflicted copy 2026-12-07).md")).toEqual({
      engine: 'dropbox',
      original: 'Note.md',
      device: 'Laptop',
      date: '2026-12-07',
      time: null,
    });
    expect(conflictCopyOf("Note (Ada Lovelace's conflicted copy 2026-12-07 (1)).md")).toMatchObject({ original: 'Note.md', device: 'Ada Lovelace' });
    expect(conflictCopyOf('Note (Laptop’s conflicted copy 2026-12-07) (2).md')).toMatchObject({ original: 'Note.md', device: 'Laptop' });
  });

  it.each([
    'Chapter 2.md',
    'Note 2.md',
    'sync-conflict notes.md',
    'Note.sync-conflict.md',
    'Note.sync-conflict-20261207-133737-fybud4k.md',
    'Note.sync-conflict-20261207-133737-FYBUD4.md',
    'Note.sync-conflict-20261399-133737-FYBUD4K.md',
    'Note.sync-conflict-20261207-253737-FYBUD4K.md',
    'Note (conflicted copy).md',
    'Note (conflicted copy 2026-12-07).md',
    'Note (conflicted copy 2026-02-30 101010).md',
    'Note_conflict-notes.md',
    "Note (Laptop's conflicted copy).md",
    "Note (Laptop's copy 2026-12-07).md",
    "Why my (Laptop's conflicted copy 2026-12-07) failed.md",
    '.sync-conflict-20261207-133737-FYBUD4K.md',
  ])('%s is a note, not a copy', (name) => {
    expect(conflictCopyOf(name)).toBeNull();
  });
});
