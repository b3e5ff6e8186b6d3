import { describe, expect, it } from 'vitest';
import { clockTime, quietPageHtml, quietPageResponse } from './quiet-page';

describe('the quiet page', () => {
  // 16:30 in the guard's own zone, whatever zone the test runs in.
  const endsAt = new Date(2026, 11, 3, 16, 30, 0).getTime();

  it('says when the session ends in both languages, in local time', () => {
    expect(clockTime(endsAt)).toBe('16:30');
    expect(clockTime(new Date(2026, 0, 1, 7, 5).getTime())).toBe('07:05');
    const html = quietPageHtml(endsAt);
    expect(html).toContain('<p lang="en">Focus session until 16:30. This can wait.</p>');
    expect(html).toContain('<p lang="zh-CN">专注到 16:30。这件事可以等一等。</p>');
    expect(html.replace('<!doctype', '')).not.toMatch(/[!！]/);
  });

  it('is self-contained: no script, no external resource, no link', () => {
    const html = quietPageHtml(endsAt);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import|https?:/i);
  });

  it('is sent uncached, closed after, with its exact length and a Retry-After until the end', () => {
    const response = quietPageResponse(endsAt, endsAt - 90_500);
    const text = response.toString('utf8');
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
    expect(head).toContain('\r\nCache-Control: no-store');
    expect(head).toContain('\r\nConnection: close');
    expect(head).toContain('\r\nRetry-After: 91');
    expect(head).toContain('\r\nContent-Type: text/html; charset=utf-8');
    expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body, 'utf8')}`);
    expect(body).toBe(quietPageHtml(endsAt));
  });
});
