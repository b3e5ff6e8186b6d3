import type { ApiOf } from './api';
import { appContract } from './app';
import { appsContract } from './apps';
import { blockingContract } from './blocking';
import { notesContract } from './notes';
import { notesMathContract } from './notes-math';
import { notificationsContract } from './notifications';
import { reflectionsContract } from './reflections';
import { scheduleContract } from './schedule';
import { sessionContract } from './session';
import { settingsContract } from './settings';

/** The one IPC contract: every call and event between renderer and main, declared once. */
export const contract = {
  app: appContract,
  settings: settingsContract,
  session: sessionContract,
  blocking: blockingContract,
  notifications: notificationsContract,
  apps: appsContract,
  notes: notesContract,
  notesMath: notesMathContract,
  reflections: reflectionsContract,
  schedule: scheduleContract,
} as const;

export type Contract = typeof contract;
export type StillroomApi = ApiOf<Contract>;

export * from './define';
export * from './errors';
export { createApi, type ApiOf, type Transport } from './api';
export type { AppInfo } from './app';
export type { Settings, SettingsPatch, SettingsState, SettingsNotice } from './settings';
