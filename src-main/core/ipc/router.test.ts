import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, event } from '../../contract/define';
import { DomainError } from '../domain-error';
import { createRouter } from './router';

const trusted = { trusted: true, description: 'test window' };
const contract = {
  notes: {
    rename: call(z.object({ name: z.string().max(100), title: z.string().max(200) }).strict(), z.object({ name: z.string() })),
    fail: call(z.undefined(), z.null()),
    crash: call(z.undefined(), z.null()),
    lie: call(z.undefined(), z.object({ count: z.number() })),
    changed: event(z.object({ name: z.string() })),
  },
};

function setup() {
  const calls: unknown[] = [];
  const refused: string[] = [];
  const router = createRouter(
    contract,
    {
      notes: {
        rename: (input) => {
          calls.push(input);
          return { name: `${input.title}.md` };
        },
        fail: () => {
          throw new DomainError('note-not-found', 'gone', { name: 'x' });
        },
        crash: () => {
          throw new TypeError('boom');
        },
        lie: () => ({ count: 'three' }) as unknown as { count: number },
      },
    },
    { onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`) },
  );
  return { router, calls, refused };
}

describe('router', () => {
  it('runs a valid call from a trusted caller and returns its value', async () => {
    const { router, calls } = setup();
    const result = await router.dispatch('stillroom:notes.rename', { name: 'a', title: 'Lemma 3' }, trusted);
    expect(result).toEqual({ ok: true, value: { name: 'Lemma 3.md' } });
    expect(calls).toHaveLength(1);
  });

  it('lists only call channels, with the prefix', () => {
    expect(setup().router.channels).toEqual([
      'stillroom:notes.rename',
      'stillroom:notes.fail',
      'stillroom:notes.crash',
      'stillroom:notes.lie',
    ]);
  });

  it.each([
    ['a channel without our prefix', 'notes.rename', 'unknown-channel'],
    ['an unknown channel', 'stillroom:notes.delete', 'unknown-channel'],
    ['an event channel', 'stillroom:notes.changed', 'unknown-channel'],
    ['a non-string channel', 42, 'unknown-channel'],
  ])('refuses %s without running anything', async (_label, channel, code) => {
    const { router, calls, refused } = setup();
    const result = await router.dispatch(channel, { name: 'a', title: 'b' }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(calls).toHaveLength(0);
    expect(refused).toHaveLength(1);
  });

  it('refuses an untrusted caller before parsing', async () => {
    const { router, calls } = setup();
    const result = await router.dispatch('stillroom:notes.rename', { name: 'a', title: 'b' }, { trusted: false, description: 'iframe' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['wrong types', { name: 1, title: 'b' }, 'name'],
    ['an extra field', { name: 'a', title: 'b', path: '/etc/passwd' }, '(payload)'],
    ['a missing field', { name: 'a' }, 'title'],
    ['a 10 MB string', { name: 'a', title: 'x'.repeat(10 * 1024 * 1024) }, 'title'],
    ['no payload', undefined, '(payload)'],
  ])('refuses %s with a typed error naming the field', async (_label, payload, path) => {
    const { router, calls } = setup();
    const result = await router.dispatch('stillroom:notes.rename', payload, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload', params: { path } } });
    expect(calls).toHaveLength(0);
  });

  it('returns a DomainError as the same typed error', async () => {
    const result = await setup().router.dispatch('stillroom:notes.fail', undefined, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'note-not-found', message: 'gone', params: { name: 'x' } } });
  });

  it('turns an unexpected exception into an internal error, not a crash', async () => {
    const result = await setup().router.dispatch('stillroom:notes.crash', undefined, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('checks its own answers against the contract', async () => {
    const result = await setup().router.dispatch('stillroom:notes.lie', undefined, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses to start when a call has no handler', () => {
    expect(() => createRouter(contract, { notes: {} } as never)).toThrow('No handler for stillroom:notes.rename');
  });
});
