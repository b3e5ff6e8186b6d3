import { NOTE_TITLE_MAX_CHARS, UNTITLED_NOTE_TITLES } from '../../contract/notes';
import { safeStem, titleOfNote } from './note-name';

const FRONT_MATTER_OPEN = /^---\s*$/;
const FRONT_MATTER_CLOSE = /^(---|\.\.\.)\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,}|\${2}|:{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** List, quote and task markers before a first line's words. */
const LINE_MARKERS = /^ {0,3}(?:>[ \t]?|[-+*][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)+/;
/** Lines scanned for a heading; a note that has none this far is named by its first line. */
const HEADING_SEARCH_LINES = 2_000;

/**
 * The title a note's text gives it, as Bear and iA Writer name notes: its first heading, or else its first line,
 * with the Markdown around the words taken off (heading marks, emphasis, links, code and math delimiters,
 * `{#id}` attributes). Front matter, code and display-math blocks are skipped. Null when nothing in the text could
 * name a file (an empty note, or one of symbols only).
 */
export function titleFromText(text: string): string | null {
  const lines = text.split(/\r?\n/, HEADING_SEARCH_LINES + 1);
  let firstLine: string | null = null;
  let inFence: string | null = null;
  let start = 0;
  if (FRONT_MATTER_OPEN.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, index) => index > 0 && FRONT_MATTER_CLOSE.test(line));
    if (close > 0) start = close + 1;
  }
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fence = FENCE.exec(line)?.[1];
    if (inFence !== null) {
      if (fence && fence[0] === inFence[0] && fence.length >= inFence.length) inFence = null;
      continue;
    }
    // `$$ x $$` on one line is a whole display formula, not the start of a block.
    if (fence && !(fence.startsWith('$$') && line.trim().length > 4 && line.trim().endsWith('$$'))) {
      inFence = fence;
      continue;
    }
    if (line.trim() === '') continue;
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const title = cleanTitle(heading[1] ?? '');
      if (title) return title;
      continue;
    }
    if (!LINE_MARKERS.test(line) && SETEXT_UNDERLINE.test(lines[index + 1] ?? '') && !SETEXT_UNDERLINE.test(line)) {
      const title = cleanTitle(line);
      if (title) return title;
    }
    firstLine ??= cleanTitle(line.replace(LINE_MARKERS, '')) || null;
  }
  return firstLine;
}

/**
 * Whether `name` is the name the text's title gives (or that title with the " 2" a collision adds): a note keeps
 * following its text while this holds, and a name the writer chose over it ends that for good.
 */
export function isNameForTitle(name: string, title: string): boolean {
  const stem = titleOfNote(name);
  const given = safeStem(title);
  if (given === '') return false;
  return stem === given || (stem.startsWith(`${given} `) && /^[1-9]\d*$/.test(stem.slice(given.length + 1)));
}

/**
 * Whether a note whose file holds `text` takes its name from its text: while it is untitled (a new note), and while
 * its name is still the one its title gives. Any other name (one the writer chose, here or in any other program; a
 * session's note titled with its intent) is kept, the choice held in the name itself, across restarts and machines.
 */
export function followsItsText(name: string, text: string): boolean {
  if (isUntitledName(name)) return true;
  const title = titleFromText(text);
  return title !== null && isNameForTitle(name, title);
}

/** `Untitled.md`, `无标题 2.md`: the names of notes that were never given a title. */
function isUntitledName(name: string): boolean {
  return UNTITLED_NOTE_TITLES.some((title) => isNameForTitle(name, title));
}

/** The words of a heading or line, without Markdown's marks; '' when no file name would survive of it. */
function cleanTitle(raw: string): string {
  const words = raw
    .replace(/\s*\{[#.][^}]*\}\s*$/, '')
    .replace(/!?\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\$\$?([^$]+)\$\$?|\\\((.+?)\\\)/g, (_all, dollar: string | undefined, paren: string | undefined) => cleanMath(dollar ?? paren ?? ''))
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*+|~~|==/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const title = shorten(words, NOTE_TITLE_MAX_CHARS);
  return safeStem(title) === '' ? '' : title;
}

/** `$\alpha_{n}$` reads as `alpha_n`: command names become words, braces go. */
function cleanMath(tex: string): string {
  return tex
    .replace(/\\([A-Za-z]+)\s*/g, (match, command: string, offset: number, tex: string) =>
      /^[A-Za-z]/.test(tex.slice(offset + match.length)) ? `${command} ` : command,
    )
    .replace(/\\(.)/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters, cut at a space when there is one in the last third. */
function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return (space > (max * 2) / 3 ? cut.slice(0, space) : cut).trim();
}
