import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  PostgresAdapter,
  PostgresDialect,
  PostgresQueryCompiler,
  SqliteDialect,
  SqliteQueryCompiler,
  sql,
  CamelCasePlugin,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Expression,
  type KyselyConfig,
  type PluginTransformQueryArgs,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryCompiler,
  type RootOperationNode,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  type SqliteStatement,
  type UnknownRow,
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
  /** Kysely's query log (the benchmark captures the SQL of each endpoint with it). */
  log?: KyselyConfig['log'];
}

export function connect<DB>(options: ConnectOptions): Connection<DB> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A pool client error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const committed = { writes: 0 };
    const db = new Kysely<DB>({
      dialect: new SnakeCasePostgresDialect({ pool: namingStatements(pool, committed) }),
      plugins: [camelCase],
      log: options.log,
    });
    contentMemos.set(db, memoOver(postgresMarker(pool, committed)));
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
    registerSearchFunctions(database);
    const statements = reusingStatements(database);
    const db = new Kysely<DB>({
      dialect: new SnakeCaseSqliteDialect({ database: statements }),
      log: options.log,
    });
    contentMemos.set(db, memoOver(sqliteMarker(database, statements)));
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

type RowShape = (row: UnknownRow, nested: (v: unknown) => unknown) => UnknownRow;

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Kysely's camel-case plugin builds each row key by key, and the driver's rows are the same: V8 keeps such
 * objects in slow dictionary mode, where every later spread, rest copy or JSON.stringify costs several times
 * more (a tenth of the roster's CPU went to one `{ ...row }`). Rows are built here by one generated object
 * literal per column list instead, which V8 lays out as a fast object; nested plain objects and arrays are
 * mapped as the plugin does.
 */
class RowShapingCamelCasePlugin extends CamelCasePlugin {
  readonly #shapes = new Map<string, RowShape>();
  readonly #columnNames = new Map<string, string>();
  readonly #nested = (value: unknown): unknown =>
    typeof value !== 'object' || value === null
      ? value
      : Array.isArray(value)
        ? value.map(this.#nested)
        : isPlainObject(value)
          ? this.mapRow(value as UnknownRow)
          : value;

  /** Identifiers are snake-cased by the compilers below, as they write them; the query tree stays as built. */
  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  /** snake_case → camelCase exactly as the plugin maps a row's keys (SQLite rows are shaped by the driver). */
  propertyName(column: string): string {
    return this.camelCase(column);
  }

  /** camelCase → snake_case exactly as the plugin's own query transformer would, remembered per name. */
  columnName(identifier: string): string {
    let name = this.#columnNames.get(identifier);
    if (name === undefined) {
      name = this.snakeCase(identifier);
      if (this.#columnNames.size < 10_000) this.#columnNames.set(identifier, name);
    }
    return name;
  }

  protected override mapRow(row: UnknownRow): UnknownRow {
    const keys = Object.keys(row);
    const id = keys.join('\u0000');
    let shape = this.#shapes.get(id);
    if (!shape) {
      const fields = keys.map((k) => {
        const from = JSON.stringify(k);
        return `${JSON.stringify(this.camelCase(k))}: (v = r[${from}], typeof v === 'object' && v !== null ? n(v) : v)`;
      });
      shape = new Function('r', 'n', `let v; return { ${fields.join(', ')} };`) as RowShape;
      // Bounded like the statements: the column lists of a code base are few.
      if (this.#shapes.size < 2000) this.#shapes.set(id, shape);
    }
    return shape(row, this.#nested);
  }
}

const camelCase = new RowShapingCamelCasePlugin();

/*
 * The camel-case plugin rebuilt every query's whole operation tree to rename its identifiers before
 * compiling it, 7 % of a list request's CPU; the compilers rename each identifier as they write it instead.
 */
class SnakeCaseSqliteCompiler extends SqliteQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(camelCase.columnName(identifier));
  }
}

class SnakeCasePostgresCompiler extends PostgresQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(camelCase.columnName(identifier));
  }
}

/**
 * Transactions take SQLite's write lock when they begin. Within one process Kysely runs them one at a time
 * anyway; with several worker processes on one file (WORKERS), a deferred transaction that read first
 * and wrote later could find another process's write in between and fail at once with SQLITE_BUSY, where
 * `begin immediate` waits its turn (busy_timeout) and then reads what it writes against.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class SnakeCaseSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCaseSqliteCompiler();
  }
}

class SnakeCasePostgresDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCasePostgresCompiler();
  }
}

/**
 * Kysely prepares every query anew, which cost about an eighth of a list request's CPU; statements are
 * reused by their SQL text instead. Bounded, because `in (?, ?, …)` lists make many distinct texts. Safe
 * to share: the driver runs one query at a time on its single connection, and SQLite re-prepares a
 * statement by itself when the schema changes.
 */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/** Statements after which this process's writes may be visible to others (PostgreSQL's marker, ADR 0116). */
const WRITE_OR_COMMIT = /^\s*(insert|update|delete|commit|create|alter|drop|truncate)\b/i;

function reusingStatements(database: SQLite.Database, capacity = 500) {
  const statements = new Map<string, SqliteStatement>();
  const reusing = {
    /** Schema changes prepared on this connection (a dropped table's rows go uncounted by total_changes()). */
    schemaChanges: 0,
    close: () => database.close(),
    prepare(text: string) {
      // A reused `select *` would keep the column list it was prepared with (camelCaseRows): schema changes
      // start afresh.
      if (SCHEMA_CHANGE.test(text)) {
        statements.clear();
        reusing.schemaChanges++;
      }
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = camelCaseRows(database.prepare(text));
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
  return reusing;
}

/**
 * Results that depend only on what the database holds, remembered until it may have changed (ADR 0105),
 * each stored with a marker of change read before it was computed, so that a change in between only makes
 * it recomputed. Inside a transaction nothing is remembered or served: its own uncommitted writes would be
 * counted and might then be rolled back.
 */
type ContentMemo = <T>(space: MemoSpace, key: string, compute: () => Promise<T>) => Promise<T>;

/** What is remembered, each in its own bounded map, least recently used out first. */
const MEMO_CAPACITY = {
  /** List totals (ADR 0105). */
  counts: 500,
  /** Sessions with their user, by token hash (ADR 0108): one per person signed in at the moment. */
  sessions: 5000,
  /** A term's proposals that a new one is compared with while it is written (a few terms are current). */
  similarityCandidates: 20,
  /** Small tables that pages name rows from (terms, units), whole. */
  reference: 20,
  /** Whether a member's proposal was merged into another (ADR 0113): one per member signed in. */
  proposerMerges: 5000,
};
export type MemoSpace = keyof typeof MEMO_CAPACITY;

const contentMemos = new WeakMap<object, ContentMemo>();

/** The database's marker of change now, or undefined where nothing may be remembered. */
type ChangeMarker = () => string | undefined | Promise<string | undefined>;

function memoOver(marker: ChangeMarker): ContentMemo {
  const spaces = new Map<MemoSpace, Map<string, { marker: string; value: unknown }>>();
  return async <T>(space: MemoSpace, key: string, compute: () => Promise<T>): Promise<T> => {
    const now = await marker();
    if (now === undefined) return compute();
    let remembered = spaces.get(space);
    if (!remembered) spaces.set(space, (remembered = new Map()));
    const entry = remembered.get(key);
    if (entry?.marker === now) return entry.value as T;
    const value = await compute();
    remembered.delete(key);
    if (remembered.size >= MEMO_CAPACITY[space]) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { marker: now, value });
    return value;
  };
}

/** `read`'s answer, read at its first use in a turn of the event loop and shared by the rest of that turn. */
function oncePerTurn<T>(read: () => T): () => T {
  let thisTurn: { value: T } | undefined;
  return () => {
    if (!thisTurn) {
      thisTurn = { value: read() };
      setImmediate(() => (thisTurn = undefined));
    }
    return thisTurn.value;
  };
}

/**
 * SQLite says cheaply that it changed: `data_version` moves when another connection (or process) commits,
 * and `total_changes()` when this one writes; schema changes are counted as they are prepared.
 *
 * `data_version` is read once per turn of the event loop (ADR 0108): reading it begins a read of the file,
 * which cost as much as the session lookup, and a list asked for it once per count. Within a turn another
 * process's commit may go unseen, as it would had the turn's statements run a moment earlier; this
 * connection's own writes are seen at once through `total_changes()`, which reads no file.
 */
function sqliteMarker(database: SQLite.Database, statements: { schemaChanges: number }): ChangeMarker {
  const ownChanges = database.prepare('select total_changes()').pluck();
  const dataVersion = database.prepare('pragma data_version').pluck();
  const version = oncePerTurn(() => dataVersion.get() as number);
  return () => (database.inTransaction ? undefined : `${ownChanges.get() as number}:${version()}:${statements.schemaChanges}`);
}

/**
 * PostgreSQL's marker is its snapshot of transactions (ADR 0116): the next transaction id and those in
 * progress. A transaction takes an id when it first writes (DDL included); when it ends it leaves the
 * in-progress list, or, had it begun and ended since the last reading, the next id has moved past it. So the
 * snapshot changes whenever a commit may have changed data, on this node or any other, and a transaction
 * that only reads leaves it as it was. It is read once for all the lookups of a turn of the event loop,
 * after they were asked for, so a lookup sees the commits made before its request; this process's own
 * writes and commits are also counted as they are answered, so that its next lookup never serves what it
 * remembered before them. Where the reading fails, nothing is remembered.
 */
function postgresMarker(pool: pg.Pool, committed: { writes: number }): ChangeMarker {
  const snapshot = oncePerTurn(() =>
    pool.query<{ snapshot: string }>('select pg_current_snapshot()::text as snapshot').then(
      (result) => result.rows[0]?.snapshot,
      () => undefined,
    ),
  );
  return async () => {
    const writes = committed.writes;
    const now = await snapshot();
    return now === undefined ? undefined : `${writes}:${now}`;
  };
}

/**
 * `compute`'s result, remembered under `key` while the database is unchanged, outside a transaction. The
 * key must name everything the result depends on besides the data, and the result is shared by every
 * caller with the key: it must not be changed.
 */
export function rememberWhileUnchanged<T>(db: object, space: MemoSpace, key: string, compute: () => Promise<T>): Promise<T> {
  const memo = contentMemos.get(db);
  return memo ? memo(space, key, compute) : compute();
}

/** Prepared statements kept on one PostgreSQL connection. */
export const NAMED_STATEMENTS_PER_CONNECTION = 200;

/** A single statement that a prepared statement can hold (not a script, not transaction control). */
const NAMEABLE = /^\s*(select|with|insert|update|delete)\b/i;

/**
 * A range or pattern compared with a parameter. A generic plan cannot know how many rows it selects and
 * guesses a fixed share: for a member's year of attendance it guessed 100 of 2,178 events and took twice as
 * long. Such statements stay unnamed, planned for their values as before.
 */
const PARAMETER_RANGE = /(?:[<>]=?|\b(?:i?like|between))\s*\$\d/i;

/**
 * PostgreSQL plans an unnamed statement each time it runs it, and for the short queries of a list page the
 * planning took longer than the run (the roster page: 1.9 ms planned, 0.29 ms executed). Statements are
 * named per connection instead: PostgreSQL keeps them parsed and, once it has seen five runs, keeps a
 * generic plan where that costs no more than planning each time (`plan_cache_mode` auto; ADR 0011).
 * Bounded per connection, least recently used out first and deallocated, because `in (…)` lists make many
 * distinct texts. A schema change made through the pool drops them all, as the SQLite statements are
 * dropped: a kept `select *` would fail on a table whose columns changed. Statements comparing a range or
 * a pattern with a parameter stay unnamed (`PARAMETER_RANGE`).
 *
 * node-pg remembers which names it has parsed on a connection (`parsedStatements`, not a public API) and
 * never forgets one; the names are deleted from it when deallocated, and only names it parsed are
 * deallocated (deallocating an unknown name is an error that would abort the caller's transaction). Where
 * that record is missing, statements stay unnamed.
 */
function namingStatements(pool: pg.Pool, committed: { writes: number }, capacity = NAMED_STATEMENTS_PER_CONNECTION): PostgresPool {
  let schemaVersion = 0;
  let lastName = 0;
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
    const names = new Map<string, string>();
    let version = schemaVersion;
    // Awaited before the caller's query: node-pg is to stop queueing a second query on a busy client.
    const succeeds = (statement: string) =>
      client.query(statement).then(
        () => true,
        () => false,
      );

    const run = async (text: string, parameters?: unknown[]) => {
      if (WRITE_OR_COMMIT.test(text)) {
        const result = await named(text, parameters);
        committed.writes++;
        return result;
      }
      return named(text, parameters);
    };

    const named = async (text: string, parameters?: unknown[]) => {
      if (SCHEMA_CHANGE.test(text)) schemaVersion++;
      if (version !== schemaVersion) {
        version = schemaVersion;
        names.clear();
        if (parsed && Object.keys(parsed).length && (await succeeds('deallocate all')))
          for (const name of Object.keys(parsed)) delete parsed[name];
      }
      if (!parsed || !NAMEABLE.test(text) || PARAMETER_RANGE.test(text)) return client.query(text, parameters);
      let name = names.get(text);
      if (name !== undefined) {
        names.delete(text);
      } else {
        name = `xs${++lastName}`;
        if (names.size >= capacity) {
          const [oldest, oldName] = names.entries().next().value!;
          names.delete(oldest);
          if (parsed[oldName] !== undefined && (await succeeds(`deallocate ${oldName}`))) delete parsed[oldName];
        }
      }
      names.set(text, name);
      return client.query({ name, text, values: parameters });
    };

    return {
      // A cursor (Kysely's streaming) passes through as it is.
      query: ((text: string | pg.Submittable, parameters?: unknown[]) =>
        typeof text === 'string' ? run(text, parameters) : client.query(text)) as unknown as PostgresPoolClient['query'],
      release: (destroy) => client.release(destroy),
    };
  };

  return {
    async connect() {
      const client = await pool.connect();
      let named = wrapped.get(client);
      if (!named) wrapped.set(client, (named = wrap(client)));
      return named;
    },
    end: () => pool.end(),
  };
}

/**
 * A reading statement answers rows as arrays, made into objects with camelCase keys by one generated
 * object literal per statement. better-sqlite3 builds its row objects property by property through V8's
 * API, about twice the time of this for a 20-row page of 27 columns, and the camel-case plugin then built
 * each row a second time; on SQLite the rows leave the driver in their final shape (ADR 0008, decision 5).
 */
function camelCaseRows(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  statement.raw(true);
  const keys = statement.columns().map((column) => JSON.stringify(camelCase.propertyName(column.name)));
  const row = new Function('v', `return { ${keys.map((key, i) => `${key}: v[${i}]`).join(', ')} };`) as (values: unknown[]) => UnknownRow;
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(row),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield row(values);
    },
  };
}

/**
 * One server per SQLite data directory (its worker processes run under its hold, ADR 0010): a second server
 * would migrate under the first, and backup, restore and the CLI must know that none is running.
 */
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

/** The text with LIKE's wildcards escaped (escape character \\), to match as written. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A LIKE pattern (escape character \\) that matches the needle anywhere. */
export const likePattern = (needle: string) => `%${likeLiteral(needle)}%`;

/** A LIKE pattern (escape character \\) that matches text starting with the prefix. */
export const likePrefix = (prefix: string) => `${likeLiteral(prefix)}%`;

/** Case-insensitive substring match. */
export const containsText = (dialect: DialectName, column: Expression<unknown>, needle: string) =>
  matchesPattern(dialect, column, likePattern(needle));

/** Case-insensitive match of a `likePattern` (a query shape's value, ADR 0109). */
export function matchesPattern(dialect: DialectName, column: Expression<unknown>, pattern: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/**
 * A substring index: finds the rows of `table` whose `column` contains every given word as a substring,
 * case-insensitively, for Chinese text (no spaces between words, so word tokenizers do not apply and
 * two-character words such as 养老 are the common case). Both databases index the overlapping
 * two-character pieces (bigrams) of the text, kept by triggers in the same transaction as the row, so
 * every writer of the column keeps it current. See docs/adr/0102-proposal-search-index.md.
 *
 * SQLite: an FTS5 table (contentless, so the text is not stored twice) whose tokens are the bigrams in
 * text order, each written as two code points in base 36; a word of two or more characters is the
 * phrase of its bigrams (consecutive, so the match is exact), a word of one character a prefix query.
 * FTS5 keys rows by integer, so `<name>_docs` maps the row's text key to the FTS rowid. The rowids follow
 * the lists' order (ADR 0104): a list's search walks its matches newest first and stops after its page.
 * PostgreSQL: `<name>` holds a lower-cased copy of the text with a GIN index over the array of its
 * characters and bigrams; a word's bigrams (or its one character) must all be present, and words of three
 * or more characters are checked with `like` on the rows found.
 */
export interface SubstringIndex {
  /** Name of the index's own tables, functions and triggers. */
  name: string;
  /** The searched table, its text primary key and the searched text column. */
  table: string;
  key: string;
  column: string;
  /**
   * The ISO timestamp the lists order by, newest first, then by key (a row's creation time). SQLite numbers
   * its documents in this order: the millisecond times 2^20, plus the rows before it in that millisecond.
   */
  order: string;
  /**
   * The text is short and the table's list index carries it (PostgreSQL): a search that walks the list in
   * order tests each row's own column there, instead of probing the index's table for every row it meets.
   */
  textInListIndex?: boolean;
}

/** Documents of one millisecond that the SQLite numbering has room for. */
const DOCS_PER_MS = 1_048_576;

/** Words are what a search splits at whitespace, so no word contains a character this matches. */
const WHITESPACE = /\s/u;

/** The words of a search query: its runs of non-whitespace. */
export const searchWords = (query: string): string[] => query.split(/\s+/).filter(Boolean);
/** Base-36 code points are four characters wide; 'zzzz' (36^4 - 1) is past U+10FFFF: the end of a run of text. */
const END = 'zzzz';
const folded = new Map<number, string>();

/** A code point, lower-cased when that is one code point (as SQL lower() does per character), in base 36. */
function foldCode(cp: number): string {
  let code = folded.get(cp);
  if (code === undefined) {
    const lower = String.fromCodePoint(cp).toLowerCase();
    const single = lower.codePointAt(0)!;
    code = (lower.length === String.fromCodePoint(single).length ? single : cp).toString(36).padStart(4, '0');
    folded.set(cp, code);
  }
  return code;
}

/**
 * The FTS5 document of a text (SQLite's `xs_search_grams`): for each character that is not whitespace,
 * one token of it and the next character, or END when the text or the run ends there. One token per
 * character keeps positions in step with the text, and no token holds whitespace, so no phrase spans it.
 */
export function searchGrams(text: string): string {
  const chars = Array.from(text, (c) => (WHITESPACE.test(c) ? null : foldCode(c.codePointAt(0)!)));
  const tokens: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const code = chars[i];
    if (code) tokens.push(code + (chars[i + 1] ?? END));
  }
  return tokens.join(' ');
}

/** The FTS5 query for words (none empty, none with whitespace): all of them, each a phrase or a prefix. */
export function searchGramsQuery(words: string[]): string {
  return words
    .map((word) => {
      const codes = Array.from(word, (c) => foldCode(c.codePointAt(0)!));
      if (codes.length === 1) return `"${codes[0]}"*`;
      const bigrams = codes.slice(1).map((code, i) => codes[i] + code);
      return `"${bigrams.join(' ')}"`;
    })
    .join(' AND ');
}

/** Registers the SQL functions the SQLite substring indexes need on a connection (their triggers call them). */
function registerSearchFunctions(database: SQLite.Database): void {
  database.function('xs_search_grams', { deterministic: true }, (text) => searchGrams(String(text ?? '')));
}

/** The PostgreSQL functions, shared by every substring index: the grams of a text and those a search needs. */
const PG_SEARCH_FUNCTIONS = [
  // Every character and every pair of neighbours of a lower-cased text; duplicates are left to GIN.
  `create or replace function xs_search_grams(t text) returns text[] language plpgsql immutable strict parallel safe as $$
declare
  a text[] := string_to_array(t, null);
  n int := cardinality(a);
  out text[] := a;
begin
  for i in 1 .. n - 1 loop
    out[n + i] := a[i] || a[i + 1];
  end loop;
  return out;
end $$`,
  // A word of one character needs that character; a longer word its bigrams (lower-cased, as ilike does).
  `create or replace function xs_search_needles(words text[]) returns text[] language plpgsql immutable strict parallel safe as $$
declare
  w text;
  a text[];
  out text[] := '{}';
begin
  foreach w in array words loop
    a := string_to_array(lower(w), null);
    if cardinality(a) = 1 then
      out := out || a[1];
    else
      for i in 1 .. cardinality(a) - 1 loop
        out := out || (a[i] || a[i + 1]);
      end loop;
    end if;
  end loop;
  return out;
end $$`,
];

/** SQL that creates a substring index and indexes the rows already there (for a migration). */
export function substringIndexSql(dialect: DialectName, ix: SubstringIndex): string[] {
  const { name, table, key, column, order } = ix;
  if (dialect === 'sqlite') {
    const bucket = (row: string) => `(cast(round(unixepoch(${row}, 'subsec') * 1000) as integer) * ${DOCS_PER_MS})`;
    // The next number of the row's millisecond; last_insert_rowid() is then the document's number.
    const newBucket = bucket(`new.${order}`);
    const addDoc = `insert into ${name}_docs (doc, id) values (
    (select coalesce(max(doc) + 1, ${newBucket}) from ${name}_docs where doc >= ${newBucket} and doc < ${newBucket} + ${DOCS_PER_MS}),
    new.${key});
  insert into ${name} (rowid, grams) values (last_insert_rowid(), xs_search_grams(new.${column}));`;
    const dropDoc = (row: string) => `delete from ${name} where rowid = (select doc from ${name}_docs where id = ${row}.${key});
  delete from ${name}_docs where id = ${row}.${key};`;
    return [
      `create table ${name}_docs (doc integer primary key, id text not null unique)`,
      `create virtual table ${name} using fts5(grams, content='', contentless_delete=1, tokenize='ascii', detail=full)`,
      // Rows of one millisecond are numbered in key order, as the lists break ties.
      `insert into ${name}_docs (doc, id)
  select b + row_number() over (partition by b order by ${key}) - 1, ${key} from (select ${bucket(order)} as b, ${key} from ${table})`,
      `insert into ${name} (rowid, grams) select d.doc, xs_search_grams(t.${column}) from ${name}_docs d join ${table} t on t.${key} = d.id`,
      `insert into ${name} (${name}) values ('optimize')`,
      `create trigger ${name}_insert after insert on ${table} begin
  ${addDoc}
end`,
      `create trigger ${name}_update after update of ${column} on ${table} when new.${column} is not old.${column} begin
  update ${name} set grams = xs_search_grams(new.${column}) where rowid = (select doc from ${name}_docs where id = new.${key});
end`,
      `create trigger ${name}_reorder after update of ${order} on ${table} when new.${order} is not old.${order} begin
  ${dropDoc('old')}
  ${addDoc}
end`,
      `create trigger ${name}_delete after delete on ${table} begin
  ${dropDoc('old')}
end`,
    ];
  }
  return [
    ...PG_SEARCH_FUNCTIONS,
    `create table ${name} (id text primary key references ${table} (${key}) on delete cascade, lowered text not null)`,
    `insert into ${name} (id, lowered) select ${key}, lower(${column}) from ${table}`,
    `create index ${name}_grams_idx on ${name} using gin (xs_search_grams(lowered))`,
    // ANALYZE would compute the grams of every sampled row; the planner needs no statistics to use the index.
    `alter index ${name}_grams_idx alter column 1 set statistics 0`,
    `create function ${name}_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.${column} is not distinct from old.${column} then
    return null;
  end if;
  insert into ${name} (id, lowered) values (new.${key}, lower(new.${column})) on conflict (id) do update set lowered = excluded.lowered;
  return null;
end $$`,
    `create trigger ${name}_sync after insert or update of ${column} on ${table} for each row execute function ${name}_sync()`,
  ];
}

/** SQL that builds the SQLite index again, as it is now made (ADR 0104); PostgreSQL's is unchanged. */
export function rebuildSubstringIndexSql(dialect: DialectName, ix: SubstringIndex): string[] {
  if (dialect === 'postgres') return [];
  const { name } = ix;
  return [
    ...['insert', 'update', 'reorder', 'delete'].map((t) => `drop trigger if exists ${name}_${t}`),
    `drop table ${name}`,
    `drop table ${name}_docs`,
    ...substringIndexSql(dialect, ix),
  ];
}

/**
 * SQL that merges an index's segments into one (ADR 0106). FTS5 adds a segment for every transaction that
 * writes to it and merges them only now and then, and a match looks a word up in each segment: at national
 * size a search's match cost 25 µs on one segment and 100–180 µs after a few dozen single writes. PostgreSQL's
 * GIN index merges its pending entries itself (autovacuum), so there is nothing to do.
 */
export function compactSubstringIndexSql(dialect: DialectName, ix: SubstringIndex): string[] {
  return dialect === 'sqlite' ? [`insert into ${ix.name} (${ix.name}) values ('optimize')`] : [];
}

/**
 * A search's words in the form its SQL takes them, as a query shape's values (ADR 0109), with the key of
 * that form. SQLite matches one expression of grams; PostgreSQL looks the words up in the gram index and
 * checks the longer ones again with like, so its form depends on how many there are. `searchInOrder` asks
 * PostgreSQL for the other form (ADR 0118): the list walked in its order, each row's text tested for every
 * word (`searchAllPatterns`); the shape's key must then say so.
 */
export interface SearchTerms {
  key: string;
  values: {
    searchMatch: string | null;
    searchWords: string[];
    searchPatterns: string[];
    searchAllPatterns: string[];
    searchInOrder: boolean;
  };
  /** On PostgreSQL the gram index's matches are a set, read whole and sorted, unless walked in order. */
  readsAllMatches: boolean;
}

export function searchTerms(dialect: DialectName, q: string | undefined): SearchTerms {
  const words = q ? searchWords(q) : [];
  const none = { searchMatch: null, searchWords: [], searchPatterns: [], searchAllPatterns: [], searchInOrder: false };
  if (words.length === 0) return { key: 'all', values: none, readsAllMatches: false };
  if (dialect === 'sqlite') return { key: 'match', values: { ...none, searchMatch: searchGramsQuery(words) }, readsAllMatches: false };
  // Bigrams of a longer word may all occur without the word itself: those rows are checked with like on
  // the lower-cased text, which is what ilike does (and cheaper than lower-casing each text again).
  const patterns = words.filter((w) => Array.from(w).length > 2).map(likePattern);
  return {
    key: 'grams',
    values: { ...none, searchWords: words, searchPatterns: patterns, searchAllPatterns: words.map(likePattern) },
    readsAllMatches: true,
  };
}

/**
 * Whether the row with this key has every word of the search as a substring of the indexed column. The
 * index answers with keys, so rows are read only for the conditions that follow.
 */
export function matchesTerms(
  dialect: DialectName,
  ix: SubstringIndex,
  key: Expression<unknown>,
  terms: SearchTerms['values'],
): RawBuilder<SqlBool> {
  const name = sql.raw(ix.name);
  if (dialect === 'sqlite') {
    if (!terms.searchMatch) return sql<SqlBool>`1 = 1`;
    return sql<SqlBool>`${key} in (select id from ${sql.raw(`${ix.name}_docs`)} where doc in (select rowid from ${name} where ${name} match ${terms.searchMatch}))`;
  }
  if (!terms.searchWords.length) return sql<SqlBool>`1 = 1`;
  // Per row, after the row's other conditions: a subquery in the condition is not made into a join.
  if (terms.searchInOrder) {
    const text = ix.textInListIndex
      ? sql`lower(${sql.ref(`${ix.table}.${ix.column}`)})`
      : sql`(select lowered from ${name} where ${name}.id = ${key})`;
    return sql<SqlBool>`${text} like all (select lower(p) from unnest(${terms.searchAllPatterns}::text[]) p)`;
  }
  const rechecks = terms.searchPatterns.map((pattern) => sql`and lowered like lower(${pattern})`);
  // offset 0 keeps the planner from evaluating the gram function per row instead of using the index.
  return sql<SqlBool>`${key} in (select id from ${name} where xs_search_grams(lowered) @> xs_search_needles(${terms.searchWords}::text[]) ${sql.join(rechecks, sql` `)} offset 0)`;
}

/**
 * A list's query narrowed to the rows that have every word of the search (unchanged when it has none);
 * `searchOrder` orders it newest first. On SQLite the query is joined to the index's matches, which are
 * numbered in that order (ADR 0104): a page walks them newest first and stops after it, and a bounded count
 * stops at its cap, as a list's do. On PostgreSQL the matches are a set (`SearchTerms.readsAllMatches`).
 */
export function searchList<QB extends SelectQueryBuilder<any, any, any>>(
  dialect: DialectName,
  ix: SubstringIndex,
  query: QB,
  terms: SearchTerms['values'],
): QB {
  const key = sql.ref(`${ix.table}.${ix.key}`);
  if (dialect === 'postgres') return terms.searchWords.length ? (query.where(matchesTerms(dialect, ix, key, terms)) as QB) : query;
  if (!terms.searchMatch) return query;
  const docs = sql.raw(`${ix.name}_docs`);
  const fts = sql.raw(ix.name);
  return query
    .innerJoin(sql`${docs}`.as(`${ix.name}_docs`), (join) => join.on(sql<SqlBool>`${docs}.id = ${key}`))
    .innerJoin(sql`${fts}`.as(ix.name), (join) => join.on(sql<SqlBool>`${fts}.rowid = ${docs}.doc`))
    .where(sql<SqlBool>`${fts} match ${terms.searchMatch}`) as unknown as QB;
}

/** How `searchList`'s query is ordered newest first: by the SQLite index's numbering of its matches, else by the index's `order`, then key. */
export function searchOrder(dialect: DialectName, ix: SubstringIndex, terms: SearchTerms['values']) {
  if (dialect === 'sqlite' && terms.searchMatch) {
    const fts = sql.raw(ix.name);
    return <Q extends SelectQueryBuilder<any, any, any>>(qb: Q) => qb.orderBy(sql`${fts}.rowid`, 'desc') as Q;
  }
  return <Q extends SelectQueryBuilder<any, any, any>>(qb: Q) =>
    qb.orderBy(sql.ref(`${ix.table}.${ix.order}`), 'desc').orderBy(sql.ref(`${ix.table}.${ix.key}`), 'desc') as Q;
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

/**
 * SQL that moves the one-row counter table `counter` (columns id = 1, value) on by one with every insert,
 * update or delete of `table`, in the writing transaction.
 */
export function countChangesSql(dialect: DialectName, table: string, counter: string): string[] {
  const bump = `update ${counter} set value = value + 1 where id = 1`;
  if (dialect === 'sqlite') {
    return ['insert', 'update', 'delete'].map(
      (event) => `create trigger ${table}_${event}_counts_${counter} after ${event} on ${table} begin ${bump}; end`,
    );
  }
  return [
    `create or replace function xs_count_${counter}() returns trigger language plpgsql as $$ begin ${bump}; return null; end $$`,
    `create trigger ${table}_counts_${counter} after insert or update or delete or truncate on ${table} for each statement execute function xs_count_${counter}()`,
  ];
}

/**
 * A JSON-array text column of a parent row that always holds some of its child rows: `values` of each child
 * that satisfies `where`, in `orderBy` order (a single column as itself, several as an array). Triggers keep
 * it in the transaction that writes the children, so a list reads one row per parent (ADR 0110).
 */
export interface ChildSummary {
  /** Name of the triggers (and, on PostgreSQL, their function). */
  name: string;
  parent: string;
  parentKey: string;
  column: string;
  child: string;
  childKey: string;
  values: string[];
  where: string;
  orderBy: string;
}

/** The summary's value for each parent row, as a correlated subquery (`update … set column = …`). */
function childSummaryValue(dialect: DialectName, s: ChildSummary): string {
  const multi = s.values.length > 1;
  const element =
    dialect === 'sqlite'
      ? multi
        ? `json_array(${s.values.join(', ')})`
        : s.values[0]
      : multi
        ? `json_build_array(${s.values.join(', ')})`
        : s.values[0];
  const aggregate =
    dialect === 'sqlite' ? `json_group_array(${element} order by ${s.orderBy})` : `json_agg(${element} order by ${s.orderBy})::text`;
  return `(select coalesce(${aggregate}, '[]') from ${s.child} where ${s.child}.${s.childKey} = ${s.parent}.${s.parentKey} and (${s.where}))`;
}

/** SQL that fills a child summary column for every parent row and keeps it by triggers from then on. */
export function childSummarySql(dialect: DialectName, s: ChildSummary): string[] {
  const refresh = (keys: string) =>
    `update ${s.parent} set ${s.column} = ${childSummaryValue(dialect, s)} where ${s.parentKey} in (${keys})`;
  const fill = `update ${s.parent} set ${s.column} = ${childSummaryValue(dialect, s)}`;
  if (dialect === 'sqlite') {
    // SQLite has one writer at a time: what the trigger reads is what the transaction sees.
    return [
      fill,
      `create trigger ${s.name}_insert after insert on ${s.child} begin ${refresh(`new.${s.childKey}`)}; end`,
      `create trigger ${s.name}_update after update on ${s.child} begin ${refresh(`old.${s.childKey}, new.${s.childKey}`)}; end`,
      `create trigger ${s.name}_delete after delete on ${s.child} begin ${refresh(`old.${s.childKey}`)}; end`,
    ];
  }
  // Two transactions changing children of one parent: the parent's row lock is taken first, in its own
  // statement, so that the summary, read by the next statement, sees the other's committed children.
  const keys = `case tg_op when 'INSERT' then new.${s.childKey} else old.${s.childKey} end, case tg_op when 'DELETE' then old.${s.childKey} else new.${s.childKey} end`;
  return [
    fill,
    `create function ${s.name}() returns trigger language plpgsql as $$ begin
       perform 1 from ${s.parent} where ${s.parentKey} in (${keys}) for update;
       ${refresh(keys)};
       return null;
     end $$`,
    `create trigger ${s.name} after insert or update or delete on ${s.child} for each row execute function ${s.name}()`,
  ];
}

/**
 * A column of each child row that always holds its parent's `parentColumn`, so that an index on the child can
 * order by it (ADR 0111). Triggers keep it in the writing transaction, when a child is written and when the
 * parent's column changes.
 */
export interface CopiedColumn {
  /** Name of the triggers (and, on PostgreSQL, their functions). */
  name: string;
  parent: string;
  parentKey: string;
  parentColumn: string;
  child: string;
  childKey: string;
  column: string;
}

/** SQL that fills a copied column for every child row and keeps it by triggers from then on. */
export function copiedColumnSql(dialect: DialectName, c: CopiedColumn): string[] {
  const parentValue = (key: string) => `(select ${c.parentColumn} from ${c.parent} where ${c.parent}.${c.parentKey} = ${key})`;
  const fill = `update ${c.child} set ${c.column} = ${parentValue(`${c.child}.${c.childKey}`)}`;
  const follow = `update ${c.child} set ${c.column} = new.${c.parentColumn} where ${c.childKey} = new.${c.parentKey}`;
  if (dialect === 'sqlite') {
    // SQLite cannot change NEW before a write: the row is updated after it; one writer at a time.
    const copy = `update ${c.child} set ${c.column} = ${parentValue(`new.${c.childKey}`)} where rowid = new.rowid`;
    return [
      fill,
      `create trigger ${c.name}_insert after insert on ${c.child} begin ${copy}; end`,
      `create trigger ${c.name}_move after update of ${c.childKey} on ${c.child} begin ${copy}; end`,
      `create trigger ${c.name}_follow after update of ${c.parentColumn} on ${c.parent} when new.${c.parentColumn} is not old.${c.parentColumn} begin ${follow}; end`,
    ];
  }
  // A child written while its parent's column changes in another transaction: the share lock waits for that
  // transaction and then reads what it committed; a parent changed after the child's commit updates it.
  return [
    fill,
    `create function ${c.name}_copy() returns trigger language plpgsql as $$ begin
       select ${c.parentColumn} into new.${c.column} from ${c.parent} where ${c.parentKey} = new.${c.childKey} for share;
       return new;
     end $$`,
    `create trigger ${c.name}_copy before insert or update of ${c.childKey} on ${c.child} for each row execute function ${c.name}_copy()`,
    `create function ${c.name}_follow() returns trigger language plpgsql as $$ begin ${follow}; return null; end $$`,
    `create trigger ${c.name}_follow after update of ${c.parentColumn} on ${c.parent} for each row when (new.${c.parentColumn} is distinct from old.${c.parentColumn}) execute function ${c.name}_follow()`,
  ];
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
