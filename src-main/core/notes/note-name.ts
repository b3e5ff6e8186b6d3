import { INVISIBLE_CHARACTER, NOTE_NAME_MAX_BYTES, WINDOWS_DEVICE, isValidNoteName } from '../../contract/notes';

// Characters no file system we sync to accepts, plus the ones Obsidian reserves for links (#, ^, [, ], |).
// eslint-disable-next-line no-control-regex -- control characters are removed on purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|#^[\]]/g;
// Invisible characters (bidi overrides, zero-width space, BOM ...) go without a trace; the joiners stay, as in the name check.
const INVISIBLE = new RegExp(INVISIBLE_CHARACTER.source, 'gu');
const STEM_MAX_BYTES = NOTE_NAME_MAX_BYTES - 16;
const encoder = new TextEncoder();

/**
 * The file name a title gets: the title itself, readable in any file manager and as an Obsidian link, with
 * only the characters some OS refuses taken out. Letters of every script (CJK included) are kept as typed.
 */
export function fileStemForTitle(title: string): string {
  return safeStem(title) || 'Untitled';
}

/** The stem a title gives when something of it survives the file name rules; '' when nothing does. */
export function safeStem(title: string): string {
  let stem = title.normalize('NFC').replace(INVISIBLE, '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  stem = stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  stem = truncateToBytes(stem, STEM_MAX_BYTES).replace(/[.\s]+$/, '');
  if (stem === '') return '';
  if (WINDOWS_DEVICE.test((stem.split('.')[0] ?? '').trimEnd())) stem = stem.replace(/^[^.]*/, (device) => `${device}_`);
  return stem;
}

/** The note's title is its file name without `.md`, so renaming the file and renaming the note are one act. */
export const titleOfNote = (name: string): string => name.slice(0, -'.md'.length);

/**
 * A free file name for a title: `Title.md`, else `Title 2.md`, `Title 3.md`, ... compared without case,
 * because macOS and Windows treat `a.md` and `A.md` as one file.
 */
export function uniqueNoteName(title: string, taken: (lowerCaseName: string) => boolean): string {
  const stem = fileStemForTitle(title);
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.md` : `${stem} ${n}.md`;
    if (!isValidNoteName(name)) throw new Error(`Built an invalid note name: ${name}`);
    if (!taken(name.toLowerCase())) return name;
  }
}

function truncateToBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  // Iterate by code point so a surrogate pair (emoji, rare CJK) is never cut in half.
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
