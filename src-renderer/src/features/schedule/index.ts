import type { SettingsSection } from '../../app/settings-section';
import { ScheduleSection } from './ScheduleSection';
import { useScheduleStore } from './schedule-store';

// The schedule feature (issue 22): its Settings section and its mirror of main's schedule.
export const scheduleSettingsSection: SettingsSection = { id: 'schedule', component: ScheduleSection };

/** Loads the schedule once at boot; main pushes no schedule changes yet (only this section changes it). */
export function followSchedule(): () => void {
  void useScheduleStore.getState().load();
  return () => {};
}
