// Run in a child process by src-main/core/protection/protection-transaction.test.ts: starts and ends a session's protections, with one
// protection set to crash the process (SIGKILL) at the point named on the command line.
import { systemClock } from '../src-main/core/clock';
import { FileSettingProtection, type Fault } from './file-setting-protection';
import { ProtectionTransaction } from '../src-main/core/protection/protection-transaction';
import type { ProtectionId } from '../src-main/contract/protection';

const [folder, journalPath, faultyId, method, point] = process.argv.slice(2) as [string, string, ProtectionId, Fault['method'], Fault['point']];
const ids: ProtectionId[] = ['blocking', 'notifications'];
const protections = ids.map(
  (id) => new FileSettingProtection(id, folder, id === faultyId ? { method, point, kind: 'crash' } : null),
);
const transaction = new ProtectionTransaction(journalPath, protections, { clock: systemClock });
const session = { sessionId: 's1', endsAt: Date.now() + 3_600_000, mode: 'flexible' as const };
await transaction.recover(null);
await transaction.activate(session);
await transaction.deactivate(session);
process.stdout.write('finished without crashing\n');
