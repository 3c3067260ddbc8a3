import type { Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/time.js';
import type { ActivitiesTables } from './activities.tables.js';
import type { ActivityPlanEntryInput } from './activities.service.js';

export type PlanEntryRow = Selectable<ActivitiesTables['activityPlanEntries']>;

export async function insertPlanEntries(db: Executor, createdBy: string | null, entries: ActivityPlanEntryInput[]): Promise<string[]> {
  const now = nowIso();
  const rows = entries.map((e) => ({
    id: newId(),
    year: e.year,
    category: e.category,
    subcategory: e.subcategory,
    no: e.no,
    title: e.title,
    organizerCommitteeIds: JSON.stringify(e.organizerCommitteeIds),
    organizerSectorIds: JSON.stringify(e.organizerSectorIds),
    organizerDepartmentIds: JSON.stringify(e.organizerDepartmentIds),
    organizerNames: JSON.stringify(e.organizerNames),
    periodText: e.periodText,
    periodFrom: e.periodFrom,
    periodTo: e.periodTo,
    sourcePlanId: e.sourcePlanId,
    createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  // Chunked so that a long attachment stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('activityPlanEntries')
      .values(rows.slice(i, i + 50))
      .execute();
  }
  return rows.map((r) => r.id);
}

export async function selectPlanEntries(db: Executor, filter: { year: number; sourcePlanId?: string }): Promise<PlanEntryRow[]> {
  let q = db.selectFrom('activityPlanEntries').selectAll().where('year', '=', filter.year);
  if (filter.sourcePlanId) q = q.where('sourcePlanId', '=', filter.sourcePlanId);
  return q.orderBy('category').orderBy('subcategory').orderBy('no').orderBy('id').execute();
}
