import { flushDnsCaches } from './dns-flush';
import { withoutBlocks } from './hosts-block';
import { activeLease, decideLease, decideRelease, type Instant } from './lease';
import { GuardRequest, type BrowserCoverage, type GuardReply, type GuardReport, type GuardRequestInput, type ScheduleRequest } from './protocol';
import { decideSchedule, heldReport, runningWindowLeases } from './schedule-hold';
import { reconcile, type AppliedBlock, type ReconcileDeps } from './reconcile';
import type { ReachCounter } from './reach/reach-counter';
import type { GuardApps } from './guard-apps';
import { SerialQueue } from '../base/serial-queue';

/**
 * The guard's behaviour behind the socket: requests and the reconcile loop, run one at a time so a request never
 * interleaves with a reconcile. Every request ends with a reconcile, so the reply reports the files as they are.
 */
export class Guard {
  private readonly work = new SerialQueue();
  private applied: AppliedBlock | null = null;
  private lastReconcileAt: number | null = null;
  private lastError: string | null = null;
  private browsers: BrowserCoverage[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTick: { instant: Instant; hrtimeMs: number } | null = null;

  constructor(private readonly deps: Omit<ReconcileDeps, 'reach' | 'apps'> & { version: string; intervalMs: number; reach?: ReachCounter; apps?: GuardApps }) {}

  /** Reconciles now and then every `intervalMs`, noticing a wake from sleep on the way. */
  start(): Promise<void> {
    const first = this.work.run(async () => {
      for (const name of await this.deps.hosts.removeStaleTemps().catch(() => [])) this.deps.log.write('removed', { staleTempFile: name });
      await this.runReconcile();
    });
    const tick = () => {
      this.noticeWake();
      void this.reconcileNow().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.deps.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.deps.intervalMs);
    return first;
  }

  /** Stops the loop, stops closing apps, and takes the block and the browser policies out, keeping the lease: a stopped guard must not leave a block nobody removes. */
  stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.work.run(async () => {
      const { hosts, log } = this.deps;
      this.deps.apps?.stop('guard stopping');
      this.browsers = await this.deps.browserPolicies.reconcile(null);
      const content = await hosts.read();
      if (await hosts.replace(content, withoutBlocks(content))) {
        await flushDnsCaches(this.deps.dnsFlush.commands, this.deps.dnsFlush.run);
        log.write('removed', { reason: 'guard stopping' });
      }
      // Only once nothing points at it any more.
      await this.deps.reach?.follow(null);
      log.write('stopped');
    });
  }

  reconcileNow(): Promise<void> {
    return this.work.run(() => this.runReconcile());
  }

  /** `input` as parsed by the server (parsing again only fills in defaults for callers inside the guard). */
  handle(input: GuardRequestInput): Promise<GuardReply> {
    const request = GuardRequest.parse(input);
    return this.work.run(async () => {
      const { leases, log, clock } = this.deps;
      if (request.type === 'schedule') {
        const refused = await this.holdSchedule(request);
        if (refused) return refused;
      } else if (request.type !== 'status') {
        const now = clock.now();
        const current = (await leases.load()).lease;
        const decision = request.type === 'lease' ? decideLease(current, request, now) : decideRelease(current, request.sessionId, now);
        if (!decision.ok) {
          log.write('lease-refused', { request: request.type, sessionId: request.sessionId, code: decision.code });
          return { type: 'refused', code: decision.code, message: decision.message } as const;
        }
        if (decision.lease) {
          await leases.save(decision.lease);
          const { sessionId, endsAt, mode, hostnames, apps } = decision.lease;
          log.write('lease-taken', { sessionId, endsAt, mode, hostnames: hostnames.length, apps: apps.entries.length });
        } else if (activeLease(current, now)) {
          // An expired lease is left to the reconcile below, which reports it as expired.
          await leases.clear();
          log.write('released', { sessionId: request.sessionId });
        }
      }
      await this.runReconcile();
      return { type: 'ok', status: await this.status() } as const;
    });
  }

  /** A push of the schedule's windows: decided against what is held (settled to now first), saved, logged; a refusal changes nothing. */
  private async holdSchedule(request: ScheduleRequest): Promise<Extract<GuardReply, { type: 'refused' }> | null> {
    const { schedules, log, clock } = this.deps;
    if (!schedules) return { type: 'refused', code: 'bad-request', message: 'This guard holds no schedule' };
    const now = clock.now();
    const decision = decideSchedule(await schedules.settled(now, log), request, now);
    if (!decision.ok) {
      log.write('schedule-refused', { code: decision.code });
      return { type: 'refused', code: decision.code, message: decision.message.slice(0, 500) };
    }
    await schedules.save(decision.held);
    log.write('schedule-held', { windows: decision.held.windows.length, pendingRemovals: decision.pendingRemovals, loosenDelayMs: decision.held.loosenDelayMs });
    return null;
  }

  private async status(): Promise<GuardReport> {
    const now = this.deps.clock.now();
    const lease = (await this.deps.leases.load()).lease;
    const active = activeLease(lease, now);
    const held = (await this.deps.schedules?.load())?.held ?? null;
    const windowsApplied = held !== null && runningWindowLeases(held, now).length > 0 && this.lastError === null && this.applied !== null;
    return {
      version: this.deps.version,
      lease: active && { sessionId: active.sessionId, endsAt: active.endsAt, mode: active.mode, hostnameCount: active.hostnames.length },
      applied: active !== null && this.lastError === null && this.applied?.sessionId === active.sessionId,
      lastReconcileAt: this.lastReconcileAt,
      lastError: this.lastError,
      browsers: this.browsers,
      ...(this.deps.reach && { reach: this.deps.reach.report() }),
      ...(this.deps.apps && { apps: this.deps.apps.report() }),
      ...(held && { schedule: heldReport(held, now, windowsApplied) }),
    };
  }

  private async runReconcile(): Promise<void> {
    try {
      const result = await reconcile(this.deps, this.applied);
      this.applied = result.applied;
      this.browsers = result.browsers;
      this.lastError = null;
    } catch (error) {
      this.lastError = (error as Error).message.slice(0, 2000);
      this.deps.log.write('error', { message: this.lastError });
    } finally {
      this.lastReconcileAt = this.deps.clock.now().wallMs;
    }
  }

  // Boot time runs on during sleep while the process clock stands still: a gap between them is a wake.
  private noticeWake(): void {
    const tick = { instant: this.deps.clock.now(), hrtimeMs: Number(process.hrtime.bigint() / 1_000_000n) };
    const last = this.lastTick;
    this.lastTick = tick;
    if (!last) return;
    const slept = tick.instant.uptimeMs - last.instant.uptimeMs - (tick.hrtimeMs - last.hrtimeMs);
    if (slept > 5000) this.deps.log.write('woke', { sleptMs: slept });
  }
}
