import { UNSAFE_INTENT_CHARACTER } from '../../contract/session';

/** What an intent may not be entered with, and line breaks: dropped from every line main shows outside the window. */
const HIDDEN = new RegExp(`${UNSAFE_INTENT_CHARACTER.source}|[\\u2028\\u2029]`, 'gu');
/** A freedesktop notification body is markup (`body-markup`): these three make tags and entities there. */
const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A line for the tray or a notification, which the user cannot inspect: without controls or bidi overrides, so
 * nothing in it is hidden or reversed (an intent stored before the start form refused them, a link's argument).
 */
export function plainLine(text: string): string {
  return text.replace(HIDDEN, '');
}

/**
 * A notification's body as the platform reads it. macOS and Windows show plain text; the freedesktop servers
 * (every other platform Electron runs on) read markup, where `<a>` or `<img>` would become a link or an image.
 * Quotes are left: they mean something only inside a tag's attribute, and a server without markup shows every
 * entity literally.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  const line = plainLine(text);
  return platform === 'darwin' || platform === 'win32' ? line : line.replace(/[&<>]/g, (character) => MARKUP[character]!);
}
