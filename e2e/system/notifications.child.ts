// One run of the app's core, as the Electron shell and the preview build it, with the real notifications
// protection: started by notifications.test.ts inside a private session bus. It reads one command per line on
// standard input and answers each with one JSON line: `start`, `end`, `state`, `check` (Settings' question, through the router), `mute-setting on|off`, `quit`. SIGTERM disposes the core
// the way src-main/preview/main.ts does (restoring notifications); SIGKILL from the test is the crash.
import { createInterface } from 'node:readline';
import { channelName } from '../../src-main/contract';
import { createCore } from '../../src-main/core/app-core';
import { ManualClock, systemClock } from '../../src-main/core/clock';
import { systemNotificationsProtection } from '../../src-main/core/dnd/system-notifications';
import { JsonFileSettingsStorage } from '../../src-main/core/settings/json-file-storage';

const [dataDir, vaultDir, clockArg] = process.argv.slice(2) as [string, string, string | undefined];
// `at:<ms>`: start as if the app were opened at that time (a session's end already passed while it was closed).
const clock = clockArg?.startsWith('at:') ? new ManualClock(Number(clockArg.slice(3))) : systemClock;
const log = (level: string, message: string) => process.stderr.write(`[child ${level}] ${message}\n`);

const core = await createCore({
  info: { version: '0.0.0-test', platform: 'linux', runtime: 'preview', locale: 'en', dataDir, vaultDir },
  clock,
  settingsStorage: new JsonFileSettingsStorage(`${dataDir}/settings.json`),
  openExternal: async () => undefined,
  log,
  notifications: ({ settings }) => systemNotificationsProtection({ settings, log }),
});

const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const notifications = () => {
  const state = core.session.state();
  return 'protections' in state ? (state.protections.find((status) => status.id === 'notifications') ?? null) : null;
};

let quitting = false;
const quit = async () => {
  if (quitting) return;
  quitting = true;
  await core.dispose();
  answer({ quit: true });
  process.exit(0);
};
process.on('SIGTERM', () => void quit());
process.on('SIGINT', () => void quit());

answer({ ready: true, phase: core.session.state().phase, notifications: notifications() });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, argument] = line.trim().split(' ');
  if (command === 'start') {
    await core.session.start({ minutes: 25, mode: 'flexible' });
    answer({ phase: core.session.state().phase, notifications: notifications() });
  } else if (command === 'end') {
    await core.session.end({ kind: 'confirm' });
    answer({ phase: core.session.state().phase, notifications: notifications() });
  } else if (command === 'mute-setting') {
    await core.settings.update({ notifications: { muteDuringSessions: argument === 'on' } });
    answer({ ok: true });
  } else if (command === 'check') {
    answer(await core.router.dispatch(channelName('notifications', 'check'), undefined, { trusted: true, description: 'test' }));
  } else if (command === 'state') {
    answer({ phase: core.session.state().phase, notifications: notifications() });
  } else if (command === 'quit') {
    await quit();
  }
}
