import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { assertSecureWebPreferences, secureWebPreferences } from './web-preferences-guard';


describe('web preferences guard', () => {
  it('accepts the preferences every Stillroom window is created with', () => {
    expect(() => assertSecureWebPreferences(secureWebPreferences('/app/preload.cjs'))).not.toThrow();
  });

  it.each([
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['nodeIntegrationInSubFrames', true],
    ['webviewTag', true],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
  ])('refuses %s = %s', (key, value) => {
    expect(() => assertSecureWebPreferences({ ...secureWebPreferences('/p.cjs'), [key]: value })).toThrow(key);
  });

  it('refuses preferences that leave a safety setting to its default', () => {
    expect(() => assertSecureWebPreferences({ preload: '/p.cjs' })).toThrow('contextIsolation');
  });
});

describe('content security policy', () => {
  it('is the same in index.html as in the header, and allows no remote or inline script', () => {
    const html = readFileSync('src-renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});
