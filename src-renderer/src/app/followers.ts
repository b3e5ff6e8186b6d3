import { followMath, followNotes } from '../features/notepad';
import { followApps } from '../features/protections/apps';
import { followBlocking } from '../features/protections/blocking';
import { followReflections } from '../features/reflections';
import { followSchedule } from '../features/schedule';
import { followSession } from '../features/session';
import { followAppInfo } from './app-info';
import { followSettings } from './settings-store';

/**
 * Every store that mirrors main, started once at boot by main.tsx: each subscribes to its events, then loads, so
 * no push is missed. A feature that mirrors main adds its `follow…` here (from its index.ts), never in a view.
 */
export const followers: readonly (() => () => void)[] = [
  followSettings,
  followAppInfo,
  followSession,
  followBlocking,
  followApps,
  followNotes,
  followMath,
  followReflections,
  followSchedule,
];
