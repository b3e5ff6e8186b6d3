import type { AppInfo, appContract } from '../../contract/app';
import type { DomainHandlers } from '../ipc/router';
import { externalUrlToOpen } from './external-url';

export interface AppHandlersOptions {
  readonly info: AppInfo;
  /** The vault folder in use: the one chosen in Settings wins over the host's default (`info.vaultDir`). */
  readonly vaultFolder: () => string;
  /** Hands an already validated URL to the OS (CoreHost.openExternal). */
  readonly openExternal: (url: string) => Promise<void>;
}

export function appHandlers(options: AppHandlersOptions): DomainHandlers<typeof appContract> {
  return {
    info: () => ({ ...options.info, vaultDir: options.vaultFolder() }),
    openExternal: async ({ url }) => {
      await options.openExternal(externalUrlToOpen(url));
      return null;
    },
  };
}
