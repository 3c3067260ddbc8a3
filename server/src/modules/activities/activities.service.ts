/**
 * Use cases of the activities module.
 *
 * For the plan module's importer: `createActivityPlanEntries(trx, actor, entries)` runs inside the caller's
 * transaction and writes its own audit row there (the dialect is read from the transaction). The caller has
 * already checked its own permission to import; this function does not check permissions again.
 */
import type { Db, Executor, Trx } from '../../db/schema.js';
import { dialectOf } from '../../db/dialect/index.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { insertPlanEntries, selectPlanEntries, type PlanEntryRow } from './activities.repo.js';

export interface ActivityPlanEntryInput {
  year: number;
  /** 重点协商 | 对口协商 | 重点调研 | 监督视察 | … (activity type names) */
  category: string;
  /** 议政性常委会 | 议政性主席会 | 政协协商与政党协商联合议政会 | 协商式监督 | null */
  subcategory: string | null;
  /** Number within its group, as in the document. */
  no: number;
  title: string;
  organizerCommitteeIds: string[];
  organizerSectorIds: string[];
  organizerDepartmentIds: string[];
  /** Organizers as written in the document. */
  organizerNames: string[];
  periodText: string;
  /** YYYY-MM-DD */
  periodFrom: string | null;
  periodTo: string | null;
  /** The imported work plan (plan module) it came from. */
  sourcePlanId: string | null;
}

export interface ActivityPlanEntry extends ActivityPlanEntryInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Inserts annual activity plan entries and one audit row, inside the caller's transaction. Returns the new ids. */
export async function createActivityPlanEntries(trx: Trx, actor: Actor, entries: ActivityPlanEntryInput[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids = await insertPlanEntries(trx, actor.userId || null, entries);
  await recordAudit(trx, dialectOf(trx), actor, {
    action: 'activities.plan_entries.create',
    objectType: 'activity_plan_entry',
    objectId: ids.length === 1 ? ids[0] : undefined,
    details: { count: ids.length, years: [...new Set(entries.map((e) => e.year))], sourcePlanId: entries[0].sourcePlanId },
  });
  return ids;
}

/** The year's plan entries in document order (category, subcategory, number); optionally those of one imported plan. */
export async function listActivityPlanEntries(
  db: Db | Executor,
  filter: { year: number; sourcePlanId?: string },
): Promise<ActivityPlanEntry[]> {
  const rows = await selectPlanEntries(db, filter);
  return rows.map(toPlanEntry);
}

export function toPlanEntry(row: PlanEntryRow): ActivityPlanEntry {
  return {
    id: row.id,
    year: row.year,
    category: row.category,
    subcategory: row.subcategory,
    no: row.no,
    title: row.title,
    organizerCommitteeIds: JSON.parse(row.organizerCommitteeIds) as string[],
    organizerSectorIds: JSON.parse(row.organizerSectorIds) as string[],
    organizerDepartmentIds: JSON.parse(row.organizerDepartmentIds) as string[],
    organizerNames: JSON.parse(row.organizerNames) as string[],
    periodText: row.periodText,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    sourcePlanId: row.sourcePlanId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
