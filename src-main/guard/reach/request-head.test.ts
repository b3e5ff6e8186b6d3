import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_HEAD_BYTES, parseRequestHead } from './request-head';

const head = (text: string) => parseRequestHead(Buffer.from(text, 'latin1'));

describe('parseRequestHead', () => {
  it('reads the Host field, without its port, lower-cased', () => {
    expect(head('GET / HTTP/1.1\r\nHost: WWW.Bilibili.com:80\r\nAccept: */*\r\n\r\n')).toEqual({ kind: 'request', host: 'www.bilibili.com' });
    expect(head('GET /favicon.ico HTTP/1.1\r\nhost: youtube.com\r\n\r\nbody is never read')).toEqual({ kind: 'request', host: 'youtube.com' });
  });

  it('waits for the end of the head', () => {
    expect(head('GET / HTTP/1.1\r\nHost: a.com\r\n')).toEqual({ kind: 'need-more' });
  });

  it('answers a request without a usable host (none, an IP literal, a bad name) with no host', () => {
    expect(head('GET / HTTP/1.0\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: 127.0.0.253\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: a b.com\r\n\r\n')).toEqual({ kind: 'request', host: null });
  });

  it('refuses what is not an HTTP/1 request, two Host fields, and an endless head', () => {
    expect(head('\x16\x03\x01\x00\x05hello\r\n\r\n')).toMatchObject({ kind: 'invalid' });
    expect(head('GET / HTTP/2.0\r\n\r\n')).toMatchObject({ kind: 'invalid' });
    expect(head('GET / HTTP/1.1\r\nHost: a.com\r\nHost: b.com\r\n\r\n')).toEqual({ kind: 'invalid', reason: 'two Host fields' });
    expect(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_REQUEST_HEAD_BYTES)}`)).toEqual({ kind: 'invalid', reason: 'the request head is too long' });
    expect(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_REQUEST_HEAD_BYTES)}\r\n\r\n`)).toEqual({ kind: 'invalid', reason: 'the request head is too long' });
  });
});
