// The SQL that each benchmarked endpoint's handler runs, captured from the real platform in this process
// (Kysely's query log), so that the bare baseline replays exactly the same statements with the same
// parameters. Session resolution is left out: the baseline has no sign-in by definition.
import path from 'node:path';
import pino from 'pino';
import { buildPlatform } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { connect } from '../server/src/db/dialect/index.ts';
import type { Database } from '../server/src/db/schema.ts';
import { TEST_PASSWORD, type Store } from '../server/test/durability/server-process.ts';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

export interface CaptureRequest {
  path: string;
  /** Signed in as this account, or anonymous. */
  username?: string;
}

/** Statements of the sign-in layer, which the baseline by definition does not run. */
const SESSION_TABLES = /"(sessions|user_roles|role_permissions|user_departments|settings)"/;

export async function captureEndpointSql(store: Store, requests: CaptureRequest[]): Promise<CapturedQuery[][]> {
  let log: CapturedQuery[] = [];
  const config = loadConfig({ ...process.env, ...store.env, LOG_LEVEL: 'silent' });
  const conn = connect<Database>({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'xieshang.db'),
    log: (event) => {
      if (event.level === 'query') log.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  const platform = await buildPlatform({ config, conn, logger: pino({ level: 'silent' }) });
  try {
    const cookies = new Map<string, string>();
    const out: CapturedQuery[][] = [];
    for (const request of requests) {
      if (request.username && !cookies.has(request.username)) {
        const login = await platform.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: request.username, password: TEST_PASSWORD },
        });
        if (login.statusCode !== 200) throw new Error(`login ${request.username}: ${login.statusCode} ${login.body}`);
        cookies.set(request.username, String(login.headers['set-cookie']).split(';')[0]!);
      }
      // Twice: the first may fill per-process caches; the second is what every later request runs.
      for (let i = 0; i < 2; i++) {
        log = [];
        const cookie = request.username ? cookies.get(request.username) : undefined;
        const answer = await platform.app.inject({ method: 'GET', url: request.path, headers: cookie ? { cookie } : {} });
        if (answer.statusCode !== 200) throw new Error(`${request.path}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
      }
      const handlerSql = log.filter((q) => !SESSION_TABLES.test(q.sql));
      const writes = handlerSql.filter((q) => !/^\s*(select|with)\b/i.test(q.sql));
      if (writes.length) throw new Error(`${request.path} writes (${writes[0]!.sql.slice(0, 80)}); the baseline replays reads only`);
      out.push(handlerSql);
    }
    return out;
  } finally {
    await platform.close();
  }
}
