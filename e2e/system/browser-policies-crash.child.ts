import { CHROMIUM_POLICY_FILE, chromiumJsonDocument } from '../../src-main/guard/browser-policies/chromium-json';
import { PolicyFile } from '../../src-main/guard/browser-policies/policy-file';
import { PolicyJournal, type PolicyJournalData } from '../../src-main/guard/browser-policies/policy-journal';

/**
 * A guard that dies mid-apply, for browser-policies.test.ts: the real writer and journal (no fault hook in shipped
 * code), in a process that SIGKILLs itself right after the journal is saved (`after-journal`, before the policy file
 * is written) or right after the policy file is written (`after-write`, before the lease would be saved or anything
 * else happens). Run inside the test's mount namespace, so /etc is the stand-in.
 */
const [stateDir, when] = process.argv.slice(2);
if (!stateDir || (when !== 'after-journal' && when !== 'after-write')) throw new Error('usage: <stateDir> after-journal|after-write');

class DyingJournal extends PolicyJournal {
  override async save(data: PolicyJournalData): Promise<void> {
    await super.save(data);
    if (when === 'after-journal') process.kill(process.pid, 'SIGKILL');
  }
}

const path = `/etc/chromium/policies/managed/${CHROMIUM_POLICY_FILE}`;
await new PolicyFile(path, chromiumJsonDocument(path), '/').apply(new DyingJournal(stateDir), { block: [{ host: 'example-video.test', path: '/shorts' }], allow: [] });
process.kill(process.pid, 'SIGKILL');
