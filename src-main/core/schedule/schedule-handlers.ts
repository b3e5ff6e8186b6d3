import type { scheduleContract } from '../../contract/schedule';
import type { DomainHandlers } from '../ipc/router';
import type { ScheduleService } from './schedule-service';

export function scheduleHandlers(schedule: ScheduleService): DomainHandlers<typeof scheduleContract> {
  return {
    state: () => schedule.state(),
    add: (rule) => schedule.add(rule),
    update: ({ id, rule }) => schedule.update(id, rule),
    remove: ({ id }) => schedule.remove(id),
    skipToday: ({ id }) => schedule.skipToday(id),
    setLoosenDelay: ({ hours }) => schedule.setLoosenDelay(hours),
  };
}
