import type { sessionContract } from '../../contract/session';
import type { DomainHandlers } from '../ipc/router';
import type { FocusSessionService } from './session-service';

export function sessionHandlers(session: FocusSessionService): DomainHandlers<typeof sessionContract> {
  return {
    state: () => session.state(),
    start: (request) => session.start(request),
    extend: () => session.extend(),
    requestEnd: () => session.requestEnd(),
    end: (request) => session.end(request),
    parkThought: ({ text }) => session.parkThought(text),
  };
}
