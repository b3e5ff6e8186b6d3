import { outputRunnerIn } from '../../base/command-runner';
import type { SettingsService } from '../settings/settings-service';
import { NotificationsProtection } from './notifications-protection';
import { sessionBusIn } from './session-bus';

/**
 * The notifications protection on this machine: real programs, the real session bus, the user's setting. `env` is
 * the desktop session to act in: this process's own, or in tests a private one (its bus address, HOME, XDG dirs).
 */
export function systemNotificationsProtection(options: {
  readonly settings: SettingsService;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}): NotificationsProtection {
  const env = options.env ?? process.env;
  return new NotificationsProtection({
    environment: { platform: process.platform, env, run: outputRunnerIn(env), connectBus: sessionBusIn(env) },
    enabled: () => options.settings.get().notifications.muteDuringSessions,
    log: options.log,
  });
}
