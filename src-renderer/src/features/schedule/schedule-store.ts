import { create } from 'zustand';
import type { AppError, Result } from '../../../../src-main/contract';
import type { ScheduleChangeResult, ScheduleRuleInput, ScheduleState } from '../../../../src-main/contract/schedule';
import { api } from '../../app/api';
import { pushOrder } from '../../app/push-order';

interface ScheduleStore {
  /** Main's schedule and the windows of the coming days; null until the first answer. */
  state: ScheduleState | null;
  /** When `state` was last received: "Next" and "Now, until" are read at it, so they change only with a push. */
  seenAt: number;
  /** The last refusal of a removal or a skip. */
  error: AppError | null;
  /** Why the rule being added was refused, shown beside the form. */
  formError: AppError | null;
  load(): Promise<void>;
  /** Main pushed the schedule (a change from anywhere, or a window began or ended). */
  receive(state: ScheduleState): void;
  add(rule: ScheduleRuleInput): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  skipToday(id: string): Promise<boolean>;
  clearFormError(): void;
}

/** Schedule calls answer with the state and the change's effect; the mirror keeps the state (a pending effect shows in it). */
const stateOf = async (call: Promise<Result<ScheduleChangeResult>>): Promise<Result<ScheduleState>> => {
  const result = await call;
  return result.ok ? { ok: true, value: result.value.state } : result;
};

// Main pushes each change (schedule.changed); an answer older than a push is not applied (push-order.ts).
export const useScheduleStore = create<ScheduleStore>((set) => {
  const order = pushOrder();
  const answer = async (key: 'error' | 'formError', call: () => Promise<Result<ScheduleChangeResult>>) => {
    const { ok } = await order.answer(set, key, () => stateOf(call()));
    set({ seenAt: Date.now() });
    return ok;
  };
  return {
    state: null,
    seenAt: Date.now(),
    error: null,
    formError: null,
    load: async () => {
      await order.mirror(set, () => api().schedule.state());
      set({ seenAt: Date.now() });
    },
    receive(state) {
      order.pushed();
      set({ state, seenAt: Date.now() });
    },
    add: (rule) => answer('formError', () => api().schedule.add(rule)),
    remove: (id) => answer('error', () => api().schedule.remove({ id })),
    skipToday: (id) => answer('error', () => api().schedule.skipToday({ id })),
    clearFormError() {
      set({ formError: null });
    },
  };
});
