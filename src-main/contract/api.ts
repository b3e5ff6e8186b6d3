import type { z } from 'zod';
import { entries, subscriptionName, type CallSpec, type ContractSpec, type EventSpec } from './define';
import type { Result } from './errors';

type CallMethod<S extends CallSpec> =
  z.input<S['input']> extends undefined
    ? () => Promise<Result<z.output<S['output']>>>
    : (input: z.input<S['input']>) => Promise<Result<z.output<S['output']>>>;

type Subscribe<S extends EventSpec> = (listener: (payload: z.output<S['payload']>) => void) => () => void;

type DomainApi<D extends ContractSpec[string]> = {
  [K in keyof D as D[K] extends CallSpec ? K : never]: D[K] extends CallSpec ? CallMethod<D[K]> : never;
} & {
  [K in keyof D as D[K] extends EventSpec ? `on${Capitalize<K & string>}` : never]: D[K] extends EventSpec
    ? Subscribe<D[K]>
    : never;
};

/** What `window.stillroom` looks like: named methods only, derived from the contract. */
export type ApiOf<C extends ContractSpec> = { readonly [D in keyof C]: Readonly<DomainApi<C[D]>> };

/** How an api reaches main: Electron's ipcRenderer in the app, HTTP + SSE in the browser preview. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createApi<C extends ContractSpec>(contract: C, transport: Transport): ApiOf<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { domain, name, channel, spec } of entries(contract)) {
    const target = (api[domain] ??= {});
    if (spec.kind === 'call') {
      target[name] = (input?: unknown) => transport.invoke(channel, input);
    } else {
      target[subscriptionName(name)] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
    }
  }
  for (const domain of Object.values(api)) Object.freeze(domain);
  return Object.freeze(api) as unknown as ApiOf<C>;
}
