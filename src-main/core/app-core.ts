import { contract, type Contract } from '../contract';
import type { AppInfo } from '../contract/app';
import type { Clock } from './clock';
import { DomainError } from './ipc/domain-error';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { createRouter, type Handlers, type Router } from './ipc/router';
import { SettingsService } from './settings/settings-service';
import type { SettingsStorage } from './settings/settings-storage';

/** What the host (Electron shell or browser preview) provides to the core. */
export interface CoreHost {
  readonly info: AppInfo;
  readonly clock: Clock;
  readonly settingsStorage: SettingsStorage;
  /** Hands an already validated https:/mailto: URL to the OS. */
  openExternal(url: string): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface Core {
  readonly router: Router;
  readonly events: EventHub<Contract>;
  readonly settings: SettingsService;
  dispose(): Promise<void>;
}

/** Builds every core service and the one router over them; the same code runs in Electron and in the preview. */
export async function createCore(host: CoreHost): Promise<Core> {
  const events = createEventHub(contract);
  const settings = await SettingsService.open(host.settingsStorage, host.clock);
  const stopSettingsEvents = settings.onChange((state) => events.emit('settings', 'changed', state));

  const handlers: Handlers<Contract> = {
    app: {
      info: () => host.info,
      openExternal: async ({ url }) => {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'mailto:') {
          throw new DomainError('invalid-payload', `Refused to open ${parsed.protocol} URL`, { path: 'url' });
        }
        await host.openExternal(parsed.href);
        return null;
      },
    },
    settings: {
      get: () => settings.state(),
      update: (patch) => settings.update(patch),
      dismissNotice: () => settings.dismissNotice(),
    },
  };

  const router = createRouter(contract, handlers, {
    onRefused: (channel, reason, caller) => host.log('warn', `refused ${channel} from ${caller.description}: ${reason}`),
    onInternalError: (channel, error) => host.log('error', `${channel} failed: ${error instanceof Error ? error.stack : String(error)}`),
  });

  return {
    router,
    events,
    settings,
    async dispose() {
      stopSettingsEvents();
    },
  };
}
