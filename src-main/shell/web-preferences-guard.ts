import type { WebPreferences } from 'electron';

/** Refuses, loudly, a window whose effective web preferences are not the safe ones. */
export function assertSecureWebPreferences(preferences: WebPreferences): void {
  const required: Partial<Record<keyof WebPreferences, boolean>> = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
  };
  for (const [key, value] of Object.entries(required)) {
    if (preferences[key as keyof WebPreferences] !== value) {
      throw new Error(`Refusing to create a window: webPreferences.${key} must be ${String(value)}`);
    }
  }
}
