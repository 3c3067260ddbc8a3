import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  CamelCasePlugin,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Expression,
  type RawBuilder,
  type SqlBool,
} from 'kysely';

/** Everything that differs between SQLite and PostgreSQL lives in this file. */
export type DialectName = 'sqlite' | 'postgres';

// int8 (counts, sums) as numbers: no count here comes near 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Connection<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string;
  /** SQLite file; ':memory:' for tests. */
  sqliteFile?: string;
  readonly?: boolean;
  /** Refuse to open a data directory another process holds (only for the SQLite file of a server). */
  lockDir?: string;
  poolSize?: number;
}

export function connect<DB>(options: ConnectOptions): Connection<DB> {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A pool client error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  const release = options.lockDir ? lockDataDir(options.lockDir) : () => undefined;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const database = new SQLite(file, { readonly: options.readonly ?? false });
    if (!options.readonly) {
      database.pragma('journal_mode = WAL');
      // FULL: an acknowledged write survives a crash of the process and of the machine.
      database.pragma('synchronous = FULL');
    }
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(database) }), plugins });
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Kysely prepares every query anew, which cost about an eighth of a list request's CPU; statements are
 * reused by their SQL text instead. Bounded, because `in (?, ?, …)` lists make many distinct texts. Safe
 * to share: the driver runs one query at a time on its single connection, and SQLite re-prepares a
 * statement by itself when the schema changes.
 */
function reusingStatements(database: SQLite.Database, capacity = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = database.prepare(text);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

/** One server process per SQLite data directory: a second one would fight over the WAL and the jobs. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'xieshang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`数据目录 ${dir} 正被进程 ${pid} 使用；同一数据目录只能由一个进程打开`);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The dialect behind a connection or transaction, for functions that are handed only a transaction. */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column helpers for migrations, so that one migration chain serves both databases. */
export function columns(dialect: DialectName) {
  return {
    /** An auto-incrementing integer primary key (ordering of the audit chain). */
    serial: <T extends string>(table: CreateTableBuilder<T, never>, name: string) =>
      dialect === 'sqlite'
        ? table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
        : table.addColumn(name, 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity()),
    /** Large text: the same in both. */
    text: 'text' as const,
    /** Booleans are 0/1 integers in both databases, so that queries and rows look the same everywhere. */
    flag: (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0),
  };
}

/** Case-insensitive substring match. */
export function containsText(dialect: DialectName, column: Expression<unknown>, needle: string): RawBuilder<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return dialect === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** SQL that makes a table append-only: the database itself refuses UPDATE, DELETE (and TRUNCATE). */
export function appendOnlySql(dialect: DialectName, table: string): string[] {
  if (dialect === 'sqlite') {
    return [
      `create trigger if not exists ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
      `create trigger if not exists ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
    ];
  }
  return [
    `create or replace function xs_append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only', tg_table_name; end $$`,
    `drop trigger if exists ${table}_append_only on ${table}`,
    `create trigger ${table}_append_only before update or delete on ${table} for each row execute function xs_append_only()`,
    `drop trigger if exists ${table}_no_truncate on ${table}`,
    `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function xs_append_only()`,
  ];
}

export function dropAppendOnlySql(dialect: DialectName, table: string): string[] {
  if (dialect === 'sqlite') {
    return [`drop trigger if exists ${table}_no_update`, `drop trigger if exists ${table}_no_delete`];
  }
  return [`drop trigger if exists ${table}_append_only on ${table}`, `drop trigger if exists ${table}_no_truncate on ${table}`];
}

/** Serialises writers of one chain (the audit hash chain) across app nodes. */
export async function lockChain<DB>(dialect: DialectName, trx: Kysely<DB>, key: number): Promise<void> {
  // SQLite serialises writers itself: one write transaction at a time per database file.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Integrity check of the database file or cluster. */
export async function integrityCheck<DB>(dialect: DialectName, db: Kysely<DB>): Promise<string> {
  if (dialect === 'sqlite') {
    const result = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(db);
    return result.rows.map((r) => Object.values(r)[0]).join('; ');
  }
  await sql`select 1`.execute(db);
  return 'ok';
}

/** Names of the application's tables (for backup, restore and checks). */
export async function listTables<DB>(dialect: DialectName, db: Kysely<DB>): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
          db,
        );
  return rows.rows.map((r) => r.name);
}

/** Starts a read transaction that sees one consistent snapshot. */
export function snapshotIsolation(dialect: DialectName): 'repeatable read' | undefined {
  return dialect === 'postgres' ? 'repeatable read' : undefined;
}

/** Resets identity sequences after rows were restored with explicit ids. */
export async function resetSequences<DB>(dialect: DialectName, db: Kysely<DB>, table: string, column: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
    db,
  );
}
