import { contract, createApi, type StillroomApi } from '../src-main/contract';
import type { Core } from '../src-main/core/app-core';

export interface BridgeTransport {
  /**
   * Holds a call's answer back after main handled it (and pushed what changed), as the browser preview's bridge can:
   * each call is its own HTTP request, the pushes share one stream, so an answer may arrive after a later push.
   */
  beforeAnswer?(channel: string): Promise<void> | undefined;
}

/**
 * Gives a renderer test (jsdom) the `window.stillroom` the preload builds, wired to a real core in the same
 * process: every call goes through the core's router (payload parsed against the contract, typed errors back) and
 * every event through its hub. Payloads cross as JSON, as they do over IPC, so no object is shared by reference.
 */
export function installCoreApi(core: Core, transport: BridgeTransport = {}): StillroomApi {
  const crossing = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const api = createApi(contract, {
    invoke: async (channel, payload) => {
      const answer = crossing(await core.router.dispatch(channel, crossing(payload), { trusted: true, description: 'renderer test' }));
      await transport.beforeAnswer?.(channel);
      return answer;
    },
    subscribe(channel, listener) {
      return core.events.listen((emitted, payload) => {
        if (emitted === channel) listener(crossing(payload));
      });
    },
  });
  Object.defineProperty(globalThis, 'stillroom', { value: api, configurable: true });
  return api;
}

/** A transport that holds the first answer on `channel` until `release()`; every other answer passes at once. */
export function holdFirstAnswer(channel: string): { transport: BridgeTransport; release: () => void } {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let seen = 0;
  return { transport: { beforeAnswer: (called) => (called === channel && seen++ === 0 ? held : undefined) }, release: () => release() };
}
