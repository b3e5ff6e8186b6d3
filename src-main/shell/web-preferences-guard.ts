import type { WebPreferences } from 'electron';

/** The only web preferences a Stillroom window may have. */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
  spellcheck: true,
});

/** Refuses, loudly, to create a window whose web preferences are not the safe ones. */
export function assertSecureWebPreferences(preferences: WebPreferences): void {
  // Written out again on purpose: derived from secureWebPreferences, a weakened default would pass its own check.
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
