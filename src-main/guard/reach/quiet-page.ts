/**
 * What a blocked site shows over plain HTTP during a lease: one quiet line in both languages, with the lease's end in
 * this machine's local time. Self-contained (no script, no external resource, no link), never cached, and sent with
 * `Connection: close` so each reach is its own connection. 503 with Retry-After: the site is not there until then.
 */

/** `16:30`: the end in the guard's local time zone (the machine's), 24-hour, as both languages write it. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function quietPageHtml(endsAt: number): string {
  const time = clockTime(endsAt);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    '<title>Stillroom</title>',
    '<style>',
    'html{color-scheme:light dark}',
    'body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f7f6f3;color:#24262a;',
    'font:1.25rem/1.7 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}',
    '@media (prefers-color-scheme:dark){body{background:#1c1d1f;color:#e4e2dd}}',
    'main{padding:2rem;max-width:34rem}p{margin:.25rem 0}',
    '</style></head><body><main>',
    `<p lang="en">Focus session until ${time}. This can wait.</p>`,
    `<p lang="zh-CN">专注到 ${time}。这件事可以等一等。</p>`,
    '</main></body></html>',
    '',
  ].join('\n');
}

/** The whole HTTP/1.1 response, head and body, as bytes. */
export function quietPageResponse(endsAt: number, now: number): Buffer {
  const body = Buffer.from(quietPageHtml(endsAt), 'utf8');
  const retryAfter = Math.max(1, Math.ceil((endsAt - now) / 1000));
  const head = [
    'HTTP/1.1 503 Service Unavailable',
    'Content-Type: text/html; charset=utf-8',
    `Content-Length: ${body.length}`,
    'Cache-Control: no-store',
    `Retry-After: ${retryAfter}`,
    "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
