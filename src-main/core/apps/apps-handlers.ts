import type { appsContract } from '../../contract/apps';
import type { DomainHandlers } from '../ipc/router';
import type { AppsService } from './apps-service';

export function appsHandlers(apps: AppsService): DomainHandlers<typeof appsContract> {
  return {
    state: () => apps.state(),
    setEnabled: ({ enabled }) => apps.setEnabled(enabled),
    setCategory: ({ id, enabled }) => apps.setCategory(id, enabled),
    addOwn: (input) => apps.addOwn(input),
    removeOwn: (own) => apps.removeOwn(own),
  };
}
