// The bare baseline: node:http and the database driver, no framework, no session, no permission check, no
// schema serialisation. `GET /<n>` runs the statements the real handler of endpoint n ran (captured by
// capture.ts: same SQL, same parameters), all at once, and answers their rows as JSON. The benchmark prints
// each endpoint's throughput as a ratio to this. Env: DATA_DIR or DATABASE_URL, PORT, QUERIES (a JSON file),
// WORKERS (processes on the port, as many as the server under test runs).
import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { CapturedQuery } from './capture.ts';

const workers = Number(process.env.WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', () => ++listening === workers && console.log('ready'));
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker!.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  serve();
}

type Run = (query: CapturedQuery) => Promise<unknown[]>;

function serve() {
  let run: Run;
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    run = async (q) => (await pool.query(q.sql, q.parameters)).rows;
  } else {
    const db = new SQLite(path.join(process.env.DATA_DIR!, 'xieshang.db'), { readonly: true });
    const statements = new Map<string, SQLite.Statement>();
    run = async (q) => {
      let statement = statements.get(q.sql);
      if (!statement) statements.set(q.sql, (statement = db.prepare(q.sql)));
      return statement.all(...q.parameters);
    };
  }

  const endpoints = JSON.parse(fs.readFileSync(process.env.QUERIES!, 'utf8')) as CapturedQuery[][];

  http
    .createServer((req, res) => {
      const queries = endpoints[Number(req.url!.slice(1))];
      if (!queries) {
        res.writeHead(404).end();
        return;
      }
      Promise.all(queries.map(run)).then(
        (rows) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows)),
        (error) => res.writeHead(500).end(String(error)),
      );
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => cluster.isPrimary && console.log('ready'));
}
