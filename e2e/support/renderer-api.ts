import { contract, createApi, type StillroomApi } from '../../src-main/contract';
import type { Core } from '../../src-main/core/app-core';

/**
 * Gives a renderer test (jsdom) the `window.stillroom` the preload builds, wired to a real core in the same
 * process: every call goes through the core's router (payload parsed against the contract, typed errors back) and
 * every event through its hub. Payloads cross as JSON, as they do over IPC, so no object is shared by reference.
 */
export function installCoreApi(core: Core): StillroomApi {
  const crossing = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const api = createApi(contract, {
    invoke: async (channel, payload) => crossing(await core.router.dispatch(channel, crossing(payload), { trusted: true, description: 'renderer test' })),
    subscribe(channel, listener) {
      return core.events.listen((emitted, payload) => {
        if (emitted === channel) listener(crossing(payload));
      });
    },
  });
  Object.defineProperty(globalThis, 'stillroom', { value: api, configurable: true });
  return api;
}
