import { execFileOutput } from '../process/command-runner';
import type { SettingsService } from '../settings/settings-service';
import { NotificationsProtection } from './notifications-protection';
import { connectSessionBus } from './session-bus';

/** The notifications protection on this machine: real programs, the real session bus, the user's setting. */
export function systemNotificationsProtection(options: {
  readonly settings: SettingsService;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}): NotificationsProtection {
  return new NotificationsProtection({
    environment: { platform: process.platform, env: process.env, run: execFileOutput, connectBus: connectSessionBus },
    enabled: () => options.settings.get().notifications.muteDuringSessions,
    log: options.log,
  });
}
