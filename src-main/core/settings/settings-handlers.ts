import type { settingsContract } from '../../contract/settings';
import { DomainError } from '../domain-error';
import type { DomainHandlers } from '../ipc/router';
import type { SettingsService } from './settings-service';

export function settingsHandlers(settings: SettingsService): DomainHandlers<typeof settingsContract> {
  return {
    get: () => settings.state(),
    update: (patch) => {
      if (patch.vault !== undefined) throw new DomainError('settings-invalid', 'The vault folder changes through notes.setVault', { path: 'vault' });
      return settings.update(patch);
    },
    dismissNotice: () => settings.dismissNotice(),
  };
}
