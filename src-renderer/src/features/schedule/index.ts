import type { SettingsSection } from '../../app/settings-section';
import { ScheduleSection } from './ScheduleSection';
import { api } from '../../app/api';
import { useScheduleStore } from './schedule-store';

// The schedule feature (issue 22): its Settings section and its mirror of main's schedule.
export const scheduleSettingsSection: SettingsSection = { id: 'schedule', component: ScheduleSection };

export { NextScheduledWindow, ScheduledMark } from './ScheduleReach';

/** Follows main's schedule: every change, and each window's start and end, is pushed; subscribed first, then loaded. */
export function followSchedule(): () => void {
  const stop = api().schedule.onChanged((state) => useScheduleStore.getState().receive(state));
  void useScheduleStore.getState().load();
  return stop;
}
