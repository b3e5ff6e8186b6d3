import { describe, expect, it } from 'vitest';
import { notificationBody, plainLine } from './presence-text';

describe('plainLine', () => {
  it('drops the control and bidi formatting characters that could hide or reverse what main shows', () => {
    expect(plainLine('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(plainLine('a\u0000b\u000Bc\u0085d\u2066e\u2069f\u202Ag\u007Fh\tj\u2028k')).toBe('abcdefghjk');
  });

  it('keeps every language, emoji sequences and the bidi marks', () => {
    for (const text of ['证明引理 3', 'اقرأ الفصل 2\u200F', 'plan 👨\u200D👩\u200D👧', 'a < b & c']) expect(plainLine(text)).toBe(text);
  });
});

describe('notificationBody', () => {
  const markup = '<a href="https://example.com/x?a=1&b=2">open</a> <img src="x"> & <b>';

  it('escapes the markup a freedesktop notification server reads in a body', () => {
    expect(notificationBody(markup, 'linux')).toBe('&lt;a href="https://example.com/x?a=1&amp;b=2"&gt;open&lt;/a&gt; &lt;img src="x"&gt; &amp; &lt;b&gt;');
    expect(notificationBody('&lt;', 'freebsd')).toBe('&amp;lt;');
  });

  it('leaves the plain-text bodies of macOS and Windows as they are, but for the characters no body may hold', () => {
    expect(notificationBody(markup, 'darwin')).toBe(markup);
    expect(notificationBody(markup, 'win32')).toBe(markup);
    expect(notificationBody('x\u202Eyz\u0000', 'win32')).toBe('xyz');
    expect(notificationBody('x\u202E<i>', 'linux')).toBe('x&lt;i&gt;');
  });
});
