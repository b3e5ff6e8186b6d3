import type { z } from 'zod';
import { entries, type ContractSpec, type EventSpec } from '../../contract/define';

type EventKeys<D> = { [K in keyof D]: D[K] extends EventSpec ? K : never }[keyof D];

/** Core services announce changes through this; they never know who listens (windows, tray, preview clients). */
export interface EventHub<C extends ContractSpec> {
  emit<D extends keyof C & string, K extends EventKeys<C[D]> & string>(
    domain: D,
    name: K,
    payload: C[D][K] extends EventSpec<infer P> ? z.input<P> : never,
  ): void;
  /** Every event, already checked against the contract, with its channel name. */
  listen(listener: (channel: string, payload: unknown) => void): () => void;
}

export function createEventHub<C extends ContractSpec>(contract: C): EventHub<C> {
  const schemas = new Map<string, { channel: string; spec: EventSpec }>();
  for (const { domain, name, channel, spec } of entries(contract)) {
    if (spec.kind === 'event') schemas.set(`${domain}.${name}`, { channel, spec });
  }
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  return {
    emit(domain, name, payload) {
      const entry = schemas.get(`${domain}.${name}`);
      if (!entry) throw new Error(`Unknown event ${domain}.${name}`);
      const parsed = entry.spec.payload.parse(payload);
      for (const listener of listeners) listener(entry.channel, parsed);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
