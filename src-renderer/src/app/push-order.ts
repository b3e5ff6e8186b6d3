import type { AppError, Result } from '../../../src-main/contract';

/**
 * Orders what a store mirrors of main's state. Main answers each call with the state after it and also pushes every
 * change, but an answer can arrive after a later push: the browser preview's bridge carries each call and the pushes
 * on separate connections, and a session's deadline can pass while its start is being answered. Pushes arrive in
 * order and every change is pushed, so a mirror takes an answer only when nothing was pushed since its call went out.
 */
export interface PushOrder {
  /** Counts a push; the store sets the pushed state itself. */
  pushed(): void;
  /** Runs one call; `newest` says whether its answer is still newer than every push. */
  call<T>(run: () => Promise<T>): Promise<{ result: T; newest: boolean }>;
  /**
   * The usual call of a mirror: clears `error`, runs the call, and sets `state` from its answer unless a push came
   * first, or `error` from its refusal. Resolves whether main accepted it.
   */
  mirror<S>(set: (partial: { state?: S; error?: AppError | null }) => void, run: () => Promise<Result<S>>): Promise<boolean>;
  /** `mirror` with the refusal kept in `key` (a field's own error), saying too whether the answer was the newest. */
  answer<S, K extends string>(set: MirrorSet<S, K>, key: K, run: () => Promise<Result<S>>): Promise<{ ok: boolean; newest: boolean }>;
  /**
   * A toggle shows the choice at once (a checkbox must not wait for the disk): `state` is set to `shown` of the
   * current one, and main's answer confirms it or, refused, puts the state before back. Resolves whether main accepted.
   */
  toggle<S>(set: MirrorSet<S, 'error'>, current: () => S | null, shown: (state: S) => S, run: () => Promise<Result<S>>): Promise<boolean>;
}

/** A mirror store's `set`, as far as these calls use it: its state, and the field that keeps a refusal. */
type MirrorSet<S, K extends string> = (partial: { state?: S } & Partial<Record<K, AppError | null>>) => void;

export function pushOrder(): PushOrder {
  let pushes = 0;
  const call = async <T>(run: () => Promise<T>) => {
    const before = pushes;
    const result = await run();
    return { result, newest: pushes === before };
  };
  const answer = async <S, K extends string>(set: MirrorSet<S, K>, key: K, run: () => Promise<Result<S>>) => {
    set({ [key]: null } as Partial<Record<K, null>>);
    const { result, newest } = await call(run);
    if (!result.ok) set({ [key]: result.error } as Partial<Record<K, AppError>>);
    else if (newest) set({ state: result.value } as { state: S } & Partial<Record<K, AppError>>);
    return { ok: result.ok, newest };
  };
  return {
    pushed() {
      pushes++;
    },
    call,
    async mirror(set, run) {
      return (await answer(set, 'error', run)).ok;
    },
    answer,
    async toggle(set, current, shown, run) {
      const before = current();
      if (before) set({ state: shown(before) });
      const { ok, newest } = await answer(set, 'error', run);
      if (!ok && newest && before) set({ state: before });
      return ok;
    },
  };
}
