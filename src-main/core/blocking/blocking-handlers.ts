import type { blockingContract } from '../../contract/blocking';
import type { DomainHandlers } from '../ipc/router';
import type { BlockingService } from './blocking-service';

export function blockingHandlers(blocking: BlockingService): DomainHandlers<typeof blockingContract> {
  return {
    state: () => blocking.state(),
    setCategory: ({ id, enabled }) => blocking.setCategory(id, enabled),
    setBrowserPolicies: ({ enabled }) => blocking.setBrowserPolicies(enabled),
    addDomain: ({ domain }) => blocking.addDomain(domain),
    removeDomain: ({ domain }) => blocking.removeDomain(domain),
    addAllow: ({ domain }) => blocking.addAllow(domain),
    removeAllow: ({ domain }) => blocking.removeAllow(domain),
    addAllowOnlySite: ({ domain }) => blocking.addAllowOnlySite(domain),
    removeAllowOnlySite: ({ domain }) => blocking.removeAllowOnlySite(domain),
    import: ({ text }) => blocking.import(text),
    export: ({ format }) => blocking.export(format),
    guardInstall: () => blocking.guardInstall(),
    guardRepair: () => blocking.guardRepair(),
    guardUninstall: () => blocking.guardUninstall(),
    testBlock: ({ hostname }) => blocking.testBlock(hostname),
  };
}
