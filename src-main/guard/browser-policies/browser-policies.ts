import type { GuardLog } from '../log';
import type { BrowserCoverage } from '../protocol';
import type { BrowserRules } from './url-rules';
import type { BrowserTarget } from './browser-targets';
import type { PolicyJournal } from './policy-journal';

/**
 * Makes every browser's managed policy match the wanted state, like the hosts file (GUARD.md invariant 6): with
 * `rules`, each installed browser gets ours; without, whatever the journal says we wrote is restored, for installed
 * browsers and uninstalled ones alike. One browser failing never stops the others; its problem is reported.
 */
export class BrowserPolicies {
  constructor(
    private readonly targets: readonly BrowserTarget[],
    private readonly journal: PolicyJournal,
    private readonly log: GuardLog,
  ) {}

  async reconcile(rules: BrowserRules | null): Promise<BrowserCoverage[]> {
    const coverage: BrowserCoverage[] = [];
    for (const target of this.targets) {
      const installed = await target.installed();
      const report = (policyActive: boolean, problem: string | null) => coverage.push({ id: target.id, installed, policyActive, problem: problem?.slice(0, 500) ?? null });
      if (!target.writer) {
        report(false, installed ? 'Stillroom cannot set a policy for this browser on this system' : null);
        continue;
      }
      try {
        if (rules && installed) {
          const { changed, problem } = await target.writer.apply(this.journal, rules);
          if (changed) this.log.write('policy-written', { browser: target.id, where: target.writer.where });
          report(problem === null, problem);
        } else {
          if (await target.writer.restore(this.journal)) this.log.write('policy-restored', { browser: target.id, where: target.writer.where });
          report(false, null);
        }
      } catch (error) {
        const message = (error as Error).message;
        this.log.write('error', { message: `browser policy (${target.id}): ${message}` });
        report(false, message);
      }
    }
    return coverage;
  }
}
