import type { Logger } from 'pino';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/schema.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

/** One interface for background work: a local adapter on SQLite, pg-boss on PostgreSQL. */
export interface JobQueue {
  register(name: string, handler: JobHandler): void;
  enqueue(name: string, payload?: Record<string, unknown>, options?: { runAt?: Date; singletonKey?: string }): Promise<void>;
  /** Runs `name` once per period across all nodes. */
  every(name: string, minutes: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Jobs in the application's own `jobs` table, polled by the one process that owns the SQLite file. */
export class LocalJobQueue implements JobQueue {
  private handlers = new Map<string, JobHandler>();
  private periodic: { name: string; minutes: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly pollMs = 5000,
  ) {}

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown> = {}, options: { runAt?: Date; singletonKey?: string } = {}): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: newId(),
        name,
        payload: JSON.stringify(payload),
        runAt: (options.runAt ?? new Date()).toISOString(),
        status: 'pending',
        attempts: 0,
        lastError: null,
        singletonKey: options.singletonKey ?? null,
        lockedAt: null,
        createdAt: nowIso(),
      })
      .onConflict((oc) => oc.column('singletonKey').doNothing())
      .execute();
  }

  async every(name: string, minutes: number): Promise<void> {
    this.periodic.push({ name, minutes });
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  /** Enqueues due periodic jobs and runs what is due; exposed for tests. */
  async tick(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      for (const { name, minutes } of this.periodic) {
        const slot = Math.floor(now.getTime() / (minutes * 60_000));
        await this.enqueue(name, {}, { runAt: now, singletonKey: `${name}:${slot}` });
      }
      const due = await this.db
        .selectFrom('jobs')
        .selectAll()
        .where('status', '=', 'pending')
        .where('runAt', '<=', now.toISOString())
        .orderBy('runAt')
        .limit(20)
        .execute();
      let done = 0;
      for (const job of due) {
        const claimed = await this.db
          .updateTable('jobs')
          .set({ status: 'running', lockedAt: nowIso(), attempts: job.attempts + 1 })
          .where('id', '=', job.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        const handler = this.handlers.get(job.name);
        try {
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          await handler(JSON.parse(job.payload));
          await this.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
          done++;
        } catch (error) {
          this.log.error({ err: error, job: job.name }, 'job failed');
          const retry = job.attempts + 1 < 3;
          await this.db
            .updateTable('jobs')
            .set({
              status: retry ? 'pending' : 'failed',
              lastError: String(error),
              runAt: new Date(now.getTime() + 60_000 * (job.attempts + 1)).toISOString(),
            })
            .where('id', '=', job.id)
            .execute();
        }
      }
      return done;
    } finally {
      this.running = false;
    }
  }
}

/** pg-boss on PostgreSQL: several app nodes share the queue and each scheduled job runs once. */
export class PgBossJobQueue implements JobQueue {
  private boss: PgBoss;
  private handlers = new Map<string, JobHandler>();
  private periodic: { name: string; minutes: number }[] = [];

  /** `db`: where singleton keys are claimed (the application's `jobs` table), as the local queue does. */
  constructor(
    connectionString: string,
    private readonly log: Logger,
    private readonly db?: Db,
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss' });
    this.boss.on('error', (error) => this.log.error({ err: error }, 'pg-boss error'));
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown> = {}, options: { runAt?: Date; singletonKey?: string } = {}): Promise<void> {
    // pg-boss dedupes a singletonKey only on special queue policies or within a time slot, so a key sent
    // by two nodes (or twice) would run twice. The key is claimed once in the jobs table instead; only the
    // node whose claim inserted the row sends the job.
    if (options.singletonKey && this.db) {
      const claim = await this.db
        .insertInto('jobs')
        .values({
          id: newId(),
          name,
          payload: JSON.stringify(payload),
          runAt: (options.runAt ?? new Date()).toISOString(),
          status: 'done',
          attempts: 0,
          lastError: null,
          singletonKey: options.singletonKey,
          lockedAt: null,
          createdAt: nowIso(),
        })
        .onConflict((oc) => oc.column('singletonKey').doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return;
    }
    await this.ensureQueue(name);
    await this.boss.send(name, payload, { startAfter: options.runAt, singletonKey: options.singletonKey });
  }

  async every(name: string, minutes: number): Promise<void> {
    this.periodic.push({ name, minutes });
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const [name, handler] of this.handlers) {
      await this.ensureQueue(name);
      await this.boss.work(name, async (jobs) => {
        for (const job of jobs) await handler((job.data ?? {}) as Record<string, unknown>);
      });
    }
    for (const { name, minutes } of this.periodic) {
      await this.ensureQueue(name);
      const cron = minutes >= 60 ? `0 */${Math.max(1, Math.round(minutes / 60))} * * *` : `*/${minutes} * * * *`;
      await this.boss.schedule(name, cron, {}, { tz: 'Asia/Shanghai' });
    }
  }

  /** Nodes starting together create the same queues at once; pg-boss may then deadlock or collide, so retry. */
  private async ensureQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5000 });
  }
}
