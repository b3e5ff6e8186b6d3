import { describe, expect, it } from 'vitest';
import { UNTITLED_NOTE_TITLES } from '../../../../src-main/contract/notes';
import { locales } from '../../../../src-main/contract/locale';
import { notepadMessages } from './notepad-messages';

describe('the notepad catalogs', () => {
  // The vault names an untitled note after its text; it knows them by these titles (issue 23, item 8).
  it('title a new note, in every language, with a title the vault knows as untitled', () => {
    for (const locale of locales) expect(UNTITLED_NOTE_TITLES).toContain(notepadMessages[locale]['note.untitled']);
  });
});
