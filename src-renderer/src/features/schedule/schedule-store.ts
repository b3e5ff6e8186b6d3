import { create } from 'zustand';
import type { AppError, Result } from '../../../../src-main/contract';
import type { ScheduleChangeResult, ScheduleRuleInput, ScheduleState } from '../../../../src-main/contract/schedule';
import { api } from '../../app/api';
import { pushOrder } from '../../app/push-order';

interface ScheduleStore {
  /** Main's schedule and the windows of the coming days; null until the first answer. */
  state: ScheduleState | null;
  /** The last refusal of a removal or a skip. */
  error: AppError | null;
  /** Why the rule being added was refused, shown beside the form. */
  formError: AppError | null;
  load(): Promise<void>;
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

// Main pushes no schedule changes yet (nothing else changes it): the Schedule section is the only writer.
export const useScheduleStore = create<ScheduleStore>((set) => {
  const order = pushOrder();
  const answer = async (key: 'error' | 'formError', call: () => Promise<Result<ScheduleChangeResult>>) =>
    (await order.answer(set, key, () => stateOf(call()))).ok;
  return {
    state: null,
    error: null,
    formError: null,
    load: async () => {
      await order.mirror(set, () => api().schedule.state());
    },
    add: (rule) => answer('formError', () => api().schedule.add(rule)),
    remove: (id) => answer('error', () => api().schedule.remove({ id })),
    skipToday: (id) => answer('error', () => api().schedule.skipToday({ id })),
    clearFormError() {
      set({ formError: null });
    },
  };
});
