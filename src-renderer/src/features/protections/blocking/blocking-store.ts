import { create } from 'zustand';
import type { AppError, Result } from '../../../../../src-main/contract';
import type { BlockTestResult, BlockingState, BlocklistCategoryId, ExportFormat, ImportReport } from '../../../../../src-main/contract/blocking';
import { api } from '../../../app/api';
import { pushOrder } from '../../../app/push-order';

/** The user's own sites, the allow exceptions, and the allowlist of "only these sites" sessions. */
export type DomainListKind = 'domains' | 'allow' | 'allowOnlySites';
export type GuardAction = 'guardInstall' | 'guardRepair' | 'guardUninstall';

interface BlockingStore {
  /** A mirror of main's state; null until the first answer. */
  state: BlockingState | null;
  /** The last refusal of an action without a field of its own (a toggle, the switch, a removal, the guard buttons). */
  error: AppError | null;
  /** Why the last site or exception typed was refused, shown beside its field. */
  domainError: AppError | null;
  allowError: AppError | null;
  allowOnlyError: AppError | null;
  importError: AppError | null;
  exportError: AppError | null;
  testError: AppError | null;
  /** The installer is waiting for the administrator prompt. */
  guardBusy: boolean;
  importReport: ImportReport | null;
  test: BlockTestResult | null;
  /** The file the last export produced, for the view to hand to the browser's download. */
  exported: { text: string; fileName: string } | null;
  /** A palette command asked for this input to take focus once the section shows. */
  focusRequest: DomainListKind | null;

  load(): Promise<void>;
  /** A state main pushed (the palette, another window, a lease starting): newer than any answer still on its way. */
  receive(state: BlockingState): void;
  setCategory(id: BlocklistCategoryId, enabled: boolean): Promise<boolean>;
  setBrowserPolicies(enabled: boolean): Promise<boolean>;
  addRule(kind: DomainListKind, text: string): Promise<boolean>;
  removeRule(kind: DomainListKind, rule: string): Promise<boolean>;
  /** Typing again makes the refusal beside a field stale. */
  clearRuleError(kind: DomainListKind): void;
  importList(text: string): Promise<boolean>;
  exportList(format: ExportFormat): Promise<boolean>;
  runGuard(action: GuardAction): Promise<boolean>;
  testBlock(): Promise<boolean>;
  requestFocus(kind: DomainListKind | null): void;
}

const FIELD_ERRORS = { domains: 'domainError', allow: 'allowError', allowOnlySites: 'allowOnlyError' } as const;
const fieldError = (kind: DomainListKind) => FIELD_ERRORS[kind];
const ADD = { domains: 'addDomain', allow: 'addAllow', allowOnlySites: 'addAllowOnlySite' } as const;
const REMOVE = { domains: 'removeDomain', allow: 'removeAllow', allowOnlySites: 'removeAllowOnlySite' } as const;

export const useBlockingStore = create<BlockingStore>((set, get) => {
  const order = pushOrder();
  /** Runs a call that answers with the new state: mirrors it unless main pushed a newer one, or keeps the refusal in `key`. */
  const apply = async (key: 'error' | (typeof FIELD_ERRORS)[DomainListKind], call: () => Promise<Result<BlockingState>>): Promise<boolean> =>
    (await order.answer(set, key, call)).ok;
  const toggle = (shown: (state: BlockingState) => BlockingState, call: () => Promise<Result<BlockingState>>) => order.toggle(set, () => get().state, shown, call);

  return {
    state: null,
    error: null,
    domainError: null,
    allowError: null,
    allowOnlyError: null,
    importError: null,
    exportError: null,
    testError: null,
    guardBusy: false,
    importReport: null,
    test: null,
    exported: null,
    focusRequest: null,

    load: async () => {
      await order.mirror(set, () => api().blocking.state());
    },
    receive(state) {
      order.pushed();
      set({ state });
    },
    setCategory: (id, enabled) =>
      toggle(
        (state) => ({ ...state, categories: state.categories.map((category) => (category.id === id ? { ...category, enabled } : category)) }),
        () => api().blocking.setCategory({ id, enabled }),
      ),
    setBrowserPolicies: (enabled) =>
      toggle(
        (state) => ({ ...state, browserPolicies: enabled }),
        () => api().blocking.setBrowserPolicies({ enabled }),
      ),
    addRule: (kind, domain) => apply(fieldError(kind), () => api().blocking[ADD[kind]]({ domain })),
    removeRule: (kind, domain) => apply('error', () => api().blocking[REMOVE[kind]]({ domain })),
    clearRuleError(kind) {
      set({ [fieldError(kind)]: null });
    },
    async importList(text) {
      set({ importError: null });
      const { result, newest } = await order.call(() => api().blocking.import({ text }));
      if (!result.ok) set({ importReport: null, importError: result.error });
      else set(newest ? { state: result.value.state, importReport: result.value.report } : { importReport: result.value.report });
      return result.ok;
    },
    async exportList(format) {
      set({ exportError: null, exported: null });
      const result = await api().blocking.export({ format });
      set(result.ok ? { exported: result.value } : { exportError: result.error });
      return result.ok;
    },
    async runGuard(action) {
      set({ guardBusy: true });
      const ok = await apply('error', () => api().blocking[action]());
      set({ guardBusy: false });
      return ok;
    },
    async testBlock() {
      set({ testError: null });
      const result = await api().blocking.testBlock({});
      set(result.ok ? { test: result.value } : { test: null, testError: result.error });
      return result.ok;
    },
    requestFocus(focusRequest) {
      set({ focusRequest });
    },
  };
});

/**
 * Keeps the mirror in step with main (a change from the palette, another window, a settings migration, the guard
 * starting or ending a lease): subscribes first, then loads, so no push is missed. Started once from main.tsx.
 */
export function followBlocking(): () => void {
  const stop = api().blocking.onChanged((state) => useBlockingStore.getState().receive(state));
  void useBlockingStore.getState().load();
  return stop;
}
