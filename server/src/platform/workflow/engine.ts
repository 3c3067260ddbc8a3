import type { z } from 'zod';
import { describeIssues } from '@xieshang/shared';
import type { Kysely } from 'kysely';
import type { Database, Executor, Trx } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.service.js';
import type { AppContext } from '../context.js';
import { AppError, conflict, forbidden, invalid, invalidState, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { can, type Actor } from '../permissions/actor.js';
import { nowIso } from '../time.js';
import type { Scope } from '@xieshang/shared';

export interface WorkflowRecord {
  id: string;
  status: string;
}

export interface ActionContext<R extends WorkflowRecord, I> {
  app: AppContext;
  trx: Trx;
  actor: Actor;
  scope: Scope;
  record: R;
  input: I;
  /** The state the record moves to; an effect may change it (for example a guard-dependent branch). */
  to: string;
  /** What the history row says, when it is not the input's `comment` (an effect may set it). */
  note?: string;
}

export interface ActionDef<R extends WorkflowRecord, I = unknown> {
  label: string;
  from: readonly string[];
  /** Target state; a function decides from the record and input. */
  to: string | ((record: R, input: I) => string);
  permission: string;
  /** Whether this actor, holding the permission with this scope, may act on this record. */
  relation?: (actor: Actor, record: R, scope: Scope) => boolean;
  input?: z.ZodType<I>;
  /** A rule of the domain; returns the Chinese reason it is not met, or null. */
  guard?: (record: R, actor: Actor) => string | null;
  /** Side effects inside the transaction (other tables, notifications). */
  effect?: (ctx: ActionContext<R, I>) => Promise<void>;
  /** Whether the transition is written with a comment from the input's `comment` field. */
  audit?: string;
}

export interface WorkflowDef<R extends WorkflowRecord> {
  name: string;
  label: string;
  objectType: string;
  states: Record<string, string>;
  actions: Record<string, ActionDef<R, any>>;
  load(db: Executor, id: string): Promise<R | undefined>;
  /** Whether the actor may see the record at all; invisible records answer 404. */
  visible(actor: Actor, record: R, db: Executor): boolean | Promise<boolean>;
  /** The table of the records, whose `status` the engine moves (`moveStatus`). */
  table: StatusTable;
  /** Records in the given states that the actor may act on, for the to-do list. */
  candidates?(db: Executor, actor: Actor, states: string[]): Promise<R[]>;
  /** A title and link for a record in the to-do list. */
  describe?(record: R): { title: string; link: string };
}

const registry = new Map<string, WorkflowDef<any>>();

export function defineWorkflow<R extends WorkflowRecord>(def: WorkflowDef<R>): WorkflowDef<R> {
  registry.set(def.name, def);
  return def;
}

export function registeredWorkflows(): WorkflowDef<any>[] {
  return [...registry.values()];
}

export function getWorkflow(name: string): WorkflowDef<any> | undefined {
  return registry.get(name);
}

export interface AllowedAction {
  action: string;
  label: string;
}

function permitted<R extends WorkflowRecord>(def: ActionDef<R>, actor: Actor, record: R): Scope | null {
  if (!def.from.includes(record.status)) return null;
  const scope = can(actor, def.permission);
  if (!scope) return null;
  if (def.relation && !actor.system && !def.relation(actor, record, scope)) return null;
  return scope;
}

/** The actions this actor may take on this record now: what the UI offers, and what the to-do list counts. */
export function allowedActions<R extends WorkflowRecord>(wf: WorkflowDef<R>, actor: Actor, record: R): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const [action, def] of Object.entries(wf.actions)) {
    if (!permitted(def, actor, record)) continue;
    if (def.guard && def.guard(record, actor)) continue;
    out.push({ action, label: def.label });
  }
  return out;
}

function parseInput<I>(schema: z.ZodType<I> | undefined, raw: unknown): I {
  if (!schema) return (raw ?? {}) as I;
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(describeIssues(parsed.error.issues, '请求'));
  return parsed.data;
}

/**
 * Performs one action: visibility (404), state (409), permission and relation (403), input (400),
 * guard (409), effects, the state change, one history row and one audit row — all in one transaction.
 */
export async function performAction<R extends WorkflowRecord>(
  app: AppContext,
  wf: WorkflowDef<R>,
  actor: Actor,
  id: string,
  action: string,
  rawInput: unknown,
): Promise<R> {
  return app.db.transaction().execute(async (trx) => {
    const record = await wf.load(trx, id);
    if (!record || !(actor.system || (await wf.visible(actor, record, trx)))) throw notFound(wf.label);
    const def = wf.actions[action];
    if (!def) throw new AppError(404, 'unknown_action', `「${wf.label}」没有名为 ${action} 的操作`);
    if (!def.from.includes(record.status)) {
      throw invalidState(`${wf.label}当前状态为「${wf.states[record.status] ?? record.status}」，不能执行「${def.label}」`);
    }
    const scope = permitted(def, actor, record);
    if (!scope) throw forbidden(`您不能对此${wf.label}执行「${def.label}」`);
    const input = parseInput(def.input, rawInput);
    const reason = def.guard?.(record, actor);
    if (reason) throw invalidState(reason);
    const ctx: ActionContext<R, unknown> = {
      app,
      trx,
      actor,
      scope,
      record,
      input,
      to: typeof def.to === 'function' ? def.to(record, input) : def.to,
    };
    await def.effect?.(ctx);
    if (!(await moveStatus(trx, wf.table, record.id, ctx.to, record.status))) {
      throw conflict(`${wf.label}刚被他人修改，请刷新后重试`);
    }
    const comment = ctx.note ?? (input as { comment?: unknown } | undefined)?.comment;
    await recordTransition(trx, wf, actor, {
      recordId: record.id,
      action,
      from: record.status,
      to: ctx.to,
      comment: typeof comment === 'string' ? comment : null,
      payload: input,
    });
    await recordAudit(trx, app.dialect, actor, {
      action: `${wf.name}.${action}`,
      objectType: wf.objectType,
      objectId: record.id,
      details: { from: record.status, to: ctx.to },
    });
    const updated = await wf.load(trx, id);
    return updated as R;
  });
}

/**
 * One history row. performAction writes it for every action; a module writes it itself only for a record
 * that another module's transaction creates already in a later state (a proposal converted to an opinion
 * report), so that its timeline still starts with how it came.
 */
export async function recordTransition<R extends WorkflowRecord>(
  trx: Trx,
  wf: WorkflowDef<R>,
  actor: Actor,
  row: { recordId: string; action: string; from: string; to: string; comment: string | null; payload?: unknown },
): Promise<void> {
  await trx
    .insertInto('workflowTransitions')
    .values({
      id: newId(),
      workflow: wf.name,
      recordId: row.recordId,
      action: row.action,
      fromState: row.from,
      toState: row.to,
      actorId: actor.userId || null,
      actorName: actor.displayName,
      comment: row.comment,
      payload: row.payload === undefined ? null : JSON.stringify(row.payload),
      at: nowIso(),
    })
    .execute();
}

export interface HistoryEntry {
  id: string;
  action: string;
  actionLabel: string;
  fromState: string;
  fromLabel: string;
  toState: string;
  toLabel: string;
  actorName: string | null;
  comment: string | null;
  at: string;
}

/** The timeline of a record: one row per transition. */
export async function history<R extends WorkflowRecord>(db: Executor, wf: WorkflowDef<R>, recordId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('workflowTransitions')
    .select(['id', 'action', 'fromState', 'toState', 'actorName', 'comment', 'at'])
    .where('workflow', '=', wf.name)
    .where('recordId', '=', recordId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    actionLabel: wf.actions[r.action]?.label ?? r.action,
    fromLabel: wf.states[r.fromState] ?? r.fromState,
    toLabel: wf.states[r.toState] ?? r.toState,
  }));
}

export interface TodoItem {
  workflow: string;
  workflowLabel: string;
  recordId: string;
  title: string;
  link: string;
  status: string;
  statusLabel: string;
  actions: AllowedAction[];
}

/** The to-do list: every record waiting for an action this actor may take, derived from the declarations. */
export async function listTodos(db: Executor, actor: Actor, limitPerWorkflow = 50): Promise<TodoItem[]> {
  const out: TodoItem[] = [];
  for (const wf of registry.values()) {
    if (!wf.candidates || !wf.describe) continue;
    const states = new Set<string>();
    for (const def of Object.values(wf.actions)) {
      if (can(actor, def.permission)) def.from.forEach((s) => states.add(s));
    }
    if (states.size === 0) continue;
    const records = await wf.candidates(db, actor, [...states]);
    for (const record of records) {
      const actions = allowedActions(wf, actor, record);
      if (actions.length === 0) continue;
      const { title, link } = wf.describe(record);
      out.push({
        workflow: wf.name,
        workflowLabel: wf.label,
        recordId: record.id,
        title,
        link,
        status: record.status,
        statusLabel: wf.states[record.status] ?? record.status,
        actions,
      });
      if (out.filter((t) => t.workflow === wf.name).length >= limitPerWorkflow) break;
    }
  }
  return out;
}

/** The tables whose rows a workflow moves: a text `id`, a `status` and an `updatedAt`. */
export type StatusTable = {
  [T in keyof Database]: Database[T] extends { id: string; status: string; updatedAt: string } ? T : never;
}[keyof Database];

/**
 * Moves the row from `from` to `to` and stamps its updatedAt, in one conditional update (optimistic concurrency);
 * false when it was no longer in `from` (someone acted first). The states are the workflow's own, checked by
 * the engine against its declaration, so the table's status type is widened to text here.
 */
export async function moveStatus(trx: Executor, table: StatusTable, id: string, to: string, from: string): Promise<boolean> {
  const db = trx as unknown as Kysely<Record<StatusTable, { id: string; status: string; updatedAt: string }>>;
  const result = await db
    .updateTable(table)
    .set({ status: to, updatedAt: nowIso() })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
