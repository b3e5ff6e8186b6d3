import { z } from 'zod';

/** Every channel carries the app's prefix, so nothing else on the bus can be mistaken for ours. */
export const CHANNEL_PREFIX = 'stillroom:';

/** A request from the renderer to main, answered once. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}

/** A push from main to every window. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export type Spec = CallSpec | EventSpec;
export type DomainSpec = Record<string, Spec>;
export type ContractSpec = Record<string, DomainSpec>;

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'call',
  input,
  output,
});

export const event = <P extends z.ZodType>(payload: P): EventSpec<P> => ({ kind: 'event', payload });

/** Calls without arguments still send a value, so that extra data is refused rather than ignored. */
export const noInput = z.undefined();

export const channelName = (domain: string, name: string): string => `${CHANNEL_PREFIX}${domain}.${name}`;

/** `changed` -> `onChanged`: subscriptions read as verbs in the renderer. */
export const subscriptionName = <N extends string>(name: N): `on${Capitalize<N>}` =>
  `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<N>}`;

/** Walks a contract in a stable order; preload, router and preview bridge all use this. */
export function* entries(contract: ContractSpec): Generator<{ domain: string; name: string; channel: string; spec: Spec }> {
  for (const [domain, specs] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(specs)) {
      yield { domain, name, channel: channelName(domain, name), spec };
    }
  }
}
