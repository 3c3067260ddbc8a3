import { sql, type Kysely } from 'kysely';
import { countChangesSql, type DialectName } from '../../db/dialect/index.js';

/**
 * One counter that every change to who holds which role, what a role grants and which departments a user
 * belongs to moves on, by triggers in the same transaction: a node may keep a user's access while the
 * counter it read with the session is unchanged (ADR 0008, decision 6).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('access_epoch')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('value', 'integer', (col) => col.notNull())
    .execute();
  await sql`insert into access_epoch (id, value) values (1, 0)`.execute(db);
  for (const table of ['user_roles', 'role_permissions', 'user_departments']) {
    for (const statement of countChangesSql(dialect, table, 'access_epoch')) await sql.raw(statement).execute(db);
  }
}
