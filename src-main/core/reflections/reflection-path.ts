import { fileStemForTitle } from '../notes/note-name';
import { wallClockAt } from './zoned-calendar';

export const REFLECTIONS_FOLDER = 'Reflections';
const SLUG_MAX_CHARS = 48;

/** The intent as a file-name piece: lower case, words joined by `-`, every script kept, nothing an OS refuses. */
export function slugOfIntent(intent: string): string {
  const stem = intent.trim() === '' ? '' : fileStemForTitle(intent);
  const slug = [...stem.toLowerCase().replace(/[\s.,;!'`~@$%&=+{}()]+/g, '-')]
    .slice(0, SLUG_MAX_CHARS)
    .join('')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' || slug === 'untitled' ? 'session' : slug;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * `Reflections/YYYY/MM/YYYY-MM-DD-HHMM-<slug>-<id>.md`, relative to the vault, by the local time of the start.
 * The session id's first characters make the name differ between machines that sync one vault even when two
 * sessions start in the same minute with the same intent; `attempt` > 1 adds a suffix for a name already taken.
 */
export function reflectionPathFor(session: { sessionId: string; intent: string; startedAt: number }, timeZone: string, attempt = 1): string {
  const wall = wallClockAt(session.startedAt, timeZone);
  const year = pad(wall.year, 4);
  const month = pad(wall.month);
  const id = session.sessionId.replace(/-/g, '').slice(0, 6);
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const name = `${year}-${month}-${pad(wall.day)}-${pad(wall.hour)}${pad(wall.minute)}-${slugOfIntent(session.intent)}-${id}${suffix}.md`;
  return `${REFLECTIONS_FOLDER}/${year}/${month}/${name}`;
}
