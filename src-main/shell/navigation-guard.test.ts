import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedPermission, isTrustedSender, trustedOrigins } from './navigation-guard';

const origins = trustedOrigins(undefined, true);

describe('navigation guard', () => {
  it('trusts only app:// in a packaged app, even when a dev server URL is set', () => {
    expect(trustedOrigins('http://localhost:5173', true)).toEqual(['app://stillroom']);
    expect(trustedOrigins('http://localhost:5173', false)).toEqual(['app://stillroom', 'http://localhost:5173']);
    expect(trustedOrigins('::bad::', false)).toEqual(['app://stillroom']);
  });

  it.each([
    ['app://stillroom/index.html', true],
    ['app://stillroom/#/settings', true],
    ['https://www.youtube.com/', false],
    ['file:///etc/passwd', false],
    ['app://evil/index.html', false],
    ['javascript:alert(1)', false],
    ['', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url, origins)).toBe(allowed);
  });

  it('grants notifications only', () => {
    expect(isAllowedPermission('notifications')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midi']) {
      expect(isAllowedPermission(permission)).toBe(false);
    }
  });

  it('trusts a call only from the top frame of our own window on our origin', () => {
    const good = { frameUrl: 'app://stillroom/index.html', isTopFrame: true, isOwnWindow: true };
    expect(isTrustedSender(good, origins)).toBe(true);
    expect(isTrustedSender({ ...good, isTopFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ ...good, isOwnWindow: false }, origins)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://example.com/' }, origins)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: undefined }, origins)).toBe(false);
  });
});
