import type { z } from 'zod';
import { CHANNEL_PREFIX, entries, type CallSpec, type ContractSpec, type DomainSpec } from '../../contract/define';
import { fail, ok, type Result } from '../../contract/errors';
import { DomainError } from '../domain-error';

/** Who is calling, as judged by the transport: our own top frame in Electron, a token holder in the preview. */
export interface Caller {
  readonly trusted: boolean;
  /** For the log when a call is refused. */
  readonly description: string;
}

type CallKeys<D> = { [K in keyof D]: D[K] extends CallSpec ? K : never }[keyof D];

/** One domain's side of the contract: a function per call, given parsed input (`core/<feature>/<domain>-handlers.ts`). */
export type DomainHandlers<D extends DomainSpec> = {
  [K in CallKeys<D>]: D[K] extends CallSpec<infer I, infer O> ? (input: z.output<I>) => Promise<z.input<O>> | z.input<O> : never;
};

/** The implementation side of the contract: every domain that has calls, with its handlers. */
export type Handlers<C extends ContractSpec> = {
  [D in keyof C as CallKeys<C[D]> extends never ? never : D]: DomainHandlers<C[D]>;
};

export interface Router {
  /** Every call channel, for the transport to register. */
  readonly channels: readonly string[];
  dispatch(channel: unknown, payload: unknown, caller: Caller): Promise<Result<unknown>>;
}

export interface RouterOptions {
  onRefused?: (channel: string, reason: string, caller: Caller) => void;
  onInternalError?: (channel: string, error: unknown) => void;
}

/**
 * One router for every call: checks the channel, the caller and the payload against the contract, runs the
 * handler and returns a typed result. Nothing thrown inside a handler reaches the renderer as a crash.
 */
export function createRouter<C extends ContractSpec>(contract: C, handlers: Handlers<C>, options: RouterOptions = {}): Router {
  const routes = new Map<string, { spec: CallSpec; run: (input: unknown) => unknown }>();
  for (const { domain, name, channel, spec } of entries(contract)) {
    if (spec.kind !== 'call') continue;
    const run = (handlers as Record<string, Record<string, ((input: unknown) => unknown) | undefined> | undefined>)[domain]?.[name];
    if (typeof run !== 'function') throw new Error(`No handler for ${channel}`);
    routes.set(channel, { spec, run });
  }

  const refuse = (channel: string, caller: Caller, result: Result<never>): Result<never> => {
    if (!result.ok) options.onRefused?.(channel, result.error.message, caller);
    return result;
  };

  return {
    channels: [...routes.keys()],
    async dispatch(channel, payload, caller) {
      const name = typeof channel === 'string' ? channel.slice(0, 200) : String(typeof channel);
      if (typeof channel !== 'string' || !channel.startsWith(CHANNEL_PREFIX)) {
        return refuse(name, caller, fail('unknown-channel', `Not a Stillroom channel: ${name}`));
      }
      if (!caller.trusted) {
        return refuse(name, caller, fail('forbidden-sender', `Refused a call from ${caller.description}`));
      }
      const route = routes.get(channel);
      if (!route) return refuse(name, caller, fail('unknown-channel', `Unknown channel: ${name}`));

      const input = route.spec.input.safeParse(payload);
      if (!input.success) {
        const issue = input.error.issues[0];
        const path = issue?.path.join('.') || '(payload)';
        return refuse(name, caller, fail('invalid-payload', `${path}: ${issue?.message ?? 'invalid'}`, { path }));
      }
      try {
        const value = await route.run(input.data);
        // Parse our own answer too: a handler bug must not leak unchecked data into the renderer.
        return ok(route.spec.output.parse(value));
      } catch (error) {
        if (error instanceof DomainError) return fail(error.code, error.message, error.params);
        options.onInternalError?.(name, error);
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
