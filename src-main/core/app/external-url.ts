import { DomainError } from '../domain-error';

/** One plain address: no second recipient, no escape that a mail client could decode into a parameter. */
const MAIL_ADDRESS = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/**
 * The URL the OS may be handed, parsed again with WHATWG URL after the contract's pattern: https (without
 * credentials), or `mailto:` with one plain address and nothing else. Mail clients act on `attach=`, `body=`,
 * `cc=` and the like, so no query or fragment is allowed on a mailto at all.
 */
export function externalUrlToOpen(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('invalid-payload', 'Refused to open a malformed URL', { path: 'url' });
  }
  if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '') return parsed.href;
  if (parsed.protocol === 'mailto:' && parsed.search === '' && parsed.hash === '' && MAIL_ADDRESS.test(parsed.pathname)) return parsed.href;
  throw new DomainError('invalid-payload', `Refused to open this ${parsed.protocol} URL: only https and a plain mailto:address`, { path: 'url' });
}
