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
}

export function pushOrder(): PushOrder {
  let pushes = 0;
  const call = async <T>(run: () => Promise<T>) => {
    const before = pushes;
    const result = await run();
    return { result, newest: pushes === before };
  };
  return {
    pushed() {
      pushes++;
    },
    call,
    async mirror(set, run) {
      set({ error: null });
      const { result, newest } = await call(run);
      if (!result.ok) set({ error: result.error });
      else if (newest) set({ state: result.value });
      return result.ok;
    },
  };
}
