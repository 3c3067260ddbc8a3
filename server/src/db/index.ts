import path from 'node:path';
import { Migrator } from 'kysely';
import { connect, type Connection, type DialectName } from './dialect/index.js';
import { ChainProvider } from './migrations.js';
import type { Database } from './schema.js';

export type { DialectName };
export type DatabaseConnection = Connection<Database>;

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** ':memory:' or a file; defaults to DATA_DIR/xieshang.db. */
  sqliteFile?: string;
  readonly?: boolean;
  lock?: boolean;
}

export function openDatabase(options: OpenOptions): DatabaseConnection {
  const sqliteFile = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'xieshang.db');
  return connect<Database>({
    databaseUrl: options.databaseUrl,
    sqliteFile,
    readonly: options.readonly,
    lockDir: !options.databaseUrl && options.lock ? path.dirname(sqliteFile) : undefined,
  });
}

export async function migrateToLatest(conn: DatabaseConnection): Promise<void> {
  const migrator = new Migrator({ db: conn.db, provider: new ChainProvider(conn.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error)}`);
  }
}
