import { contract, createApi } from '../contract';

// Runs in the browser preview before the app's own script: builds window.stillroom over HTTP (calls) and
// server-sent events (events), with the token the preview printed. Never part of a production build.
const token = new URLSearchParams(location.search).get('token') ?? '';
const listeners = new Map<string, Set<(payload: unknown) => void>>();

const events = new EventSource(`/__preview/events?token=${encodeURIComponent(token)}`);
events.onmessage = (message) => {
  const { channel, payload } = JSON.parse(message.data as string) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

const api = createApi(contract, {
  async invoke(channel, payload) {
    const response = await fetch(`/__preview/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Stillroom-Token': token },
      body: JSON.stringify({ payload }),
    });
    return response.json();
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});

Object.defineProperty(window, 'stillroom', { value: api, writable: false, configurable: false });
