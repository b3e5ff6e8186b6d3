import { APP_ORIGIN } from './app-protocol-path';

/** `scheme://host[:port]`; WHATWG URL reports the origin of custom schemes such as app:// as "null". */
const originOf = (rawUrl: string): string => {
  const url = new URL(rawUrl);
  return `${url.protocol}//${url.host}`;
};

/**
 * Origins our UI may be served from: the app:// scheme, plus the Vite dev server while developing
 * (`npm run dev` sets ELECTRON_RENDERER_URL; a packaged app never trusts it).
 */
export function trustedOrigins(devServerUrl: string | undefined, isPackaged: boolean): readonly string[] {
  if (isPackaged || !devServerUrl) return [APP_ORIGIN];
  try {
    return [APP_ORIGIN, originOf(devServerUrl)];
  } catch {
    return [APP_ORIGIN];
  }
}

/** In-app navigation stays on our own origin; everything else is refused (links go through openExternal). */
export function isAllowedNavigation(rawUrl: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(originOf(rawUrl));
  } catch {
    return false;
  }
}

/** Permissions the renderer may get: notifications only (for "Session complete"). */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'notifications';
}

/** A call counts only from the top frame of one of our windows, showing our own origin. */
export function isTrustedSender(
  sender: { frameUrl: string | undefined; isTopFrame: boolean; isOwnWindow: boolean },
  origins: readonly string[],
): boolean {
  if (!sender.isTopFrame || !sender.isOwnWindow || !sender.frameUrl) return false;
  return isAllowedNavigation(sender.frameUrl, origins);
}
