import type { Kysely } from 'kysely';

/**
 * The auditor's filters walk the trail newest first (ADR 0115): by the user, by the object, by the kind of
 * object, each index ending in `seq` so that a page reads its entries in order and stops. The index by kind
 * and object is replaced by the one by kind, which serves the same lookups with the object in the filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_username_idx').on('audit_log').columns(['username', 'seq']).execute();
  await db.schema.createIndex('audit_log_object_id_idx').on('audit_log').columns(['object_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_object_type_idx').on('audit_log').columns(['object_type', 'seq']).execute();
  await db.schema.dropIndex('audit_log_object_idx').execute();
}
