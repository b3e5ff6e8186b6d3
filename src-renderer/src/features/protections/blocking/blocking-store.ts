import { create } from 'zustand';
import type { AppError, Result } from '../../../../../src-main/contract';
import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { api } from '../../../app/api';

export type DomainListKind = 'domains' | 'allow';

interface BlockingStore {
  /** A mirror of main's state; null until the first answer. */
  state: BlockingState | null;
  /** The last refusal of an action without a field of its own (a toggle, the guard buttons). */
  error: AppError | null;
  /** A palette command asked for this input to take focus once the section shows. */
  focusRequest: DomainListKind | null;
  load(): Promise<void>;
  /** Runs a call that answers with the new state, mirrors it, and hands back the result for inline errors. */
  apply(call: Promise<Result<BlockingState>>): Promise<Result<BlockingState>>;
  requestFocus(kind: DomainListKind | null): void;
}

export const useBlockingStore = create<BlockingStore>((set) => ({
  state: null,
  error: null,
  focusRequest: null,
  async load() {
    const result = await api().blocking.state();
    set(result.ok ? { state: result.value } : { error: result.error });
  },
  async apply(call) {
    const result = await call;
    set(result.ok ? { state: result.value, error: null } : { error: result.error });
    return result;
  },
  requestFocus(focusRequest) {
    set({ focusRequest });
  },
}));

/** Keeps the mirror in step with main (a change from the palette, another window, a settings migration). */
export function followBlocking(): () => void {
  return api().blocking.onChanged((state) => useBlockingStore.setState({ state }));
}
