import type { appsContract, RunningApps } from '../../contract/apps';
import type { DomainHandlers } from '../ipc/router';
import type { AppsService } from './apps-service';

/** `running` reads the user's running apps now (running-apps.ts, per platform). */
export function appsHandlers(apps: AppsService, running: () => Promise<RunningApps>): DomainHandlers<typeof appsContract> {
  return {
    state: () => apps.state(),
    setEnabled: ({ enabled }) => apps.setEnabled(enabled),
    setCategory: ({ id, enabled }) => apps.setCategory(id, enabled),
    addOwn: (input) => apps.addOwn(input),
    removeOwn: (own) => apps.removeOwn(own),
    addOwnFromFile: () => apps.addOwnFromFile(),
    setCloseGrace: ({ seconds }) => apps.setCloseGrace(seconds),
    setWaitForOpenApps: ({ enabled }) => apps.setWaitForOpenApps(enabled),
    running: () => running(),
  };
}
