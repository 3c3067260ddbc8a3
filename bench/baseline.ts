// The bare baseline: node:http and the database driver, no framework, no session, no permission check, no
// schema serialisation — the principal SQL of each benchmarked endpoint, answered as JSON. The benchmark
// prints each endpoint's throughput as a ratio to this. Env: DATA_DIR or DATABASE_URL, PORT, OFFICE_ID.
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';

type Query = (sqlText: string, params: unknown[]) => Promise<unknown[]>;
const url = process.env.DATABASE_URL;
let query: Query;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = async (text, params) => {
    let i = 0;
    return (
      await pool.query(
        text.replace(/\?/g, () => `$${++i}`),
        params,
      )
    ).rows;
  };
} else {
  const db = new SQLite(path.join(process.env.DATA_DIR!, 'xieshang.db'), { readonly: true });
  db.pragma('journal_mode = WAL');
  const cache = new Map<string, SQLite.Statement>();
  query = async (text, params) => {
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, (stmt = db.prepare(text)));
    return stmt.all(...params);
  };
}
const office = process.env.OFFICE_ID!;
const like = (q: string) => `%${q}%`;

/** Same shapes as the endpoints: a page of 20 and the total; a detail with its children. */
export const BASELINE: Record<string, (p: URLSearchParams, id: string) => Promise<unknown>> = {
  async members(p) {
    const q = p.get('q');
    const where = q ? 'where status = ? and name like ?' : 'where status = ?';
    const args = q ? ['active', like(q)] : ['active'];
    const [items, total] = await Promise.all([
      query(`select * from members ${where} order by stroke_key, id limit 20`, args),
      query(`select count(*) as n from members ${where}`, args),
    ]);
    return { items, total };
  },
  async member(_p, id) {
    return (await query('select * from members where id = ?', [id]))[0];
  },
  async proposals(p) {
    const q = p.get('q');
    const where = q ? 'where department_id = ? and search_text like ?' : 'where department_id = ?';
    const args = q ? [office, like(q)] : [office];
    const [items, total] = await Promise.all([
      query(
        `select id, term_id, number, subject, category, kind, lead_member_id, status, submitted_at, due_date, is_key from proposals ${where} order by created_at desc, id desc limit 20`,
        args,
      ),
      query(`select count(*) as n from proposals ${where}`, args),
    ]);
    return { items, total };
  },
  async proposal(_p, id) {
    const [row, proposers, assignments] = await Promise.all([
      query('select * from proposals where id = ?', [id]),
      query('select * from proposal_proposers where proposal_id = ? order by sort_order', [id]),
      query('select * from proposal_assignments where proposal_id = ? and active = 1 order by role', [id]),
    ]);
    return { ...(row[0] as object), proposers, assignments };
  },
  async publicProposals() {
    const [items, total] = await Promise.all([
      query(
        'select id, subject, category, status, submitted_at from proposals where is_public = 1 order by created_at desc, id desc limit 20',
        [],
      ),
      query('select count(*) as n from proposals where is_public = 1', []),
    ]);
    return { items, total };
  },
  async activities(p) {
    const items = await query('select * from activity_events where starts_at >= ? and starts_at < ? order by starts_at, id', [
      p.get('from'),
      p.get('to'),
    ]);
    return { items, total: items.length };
  },
};

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  http
    .createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      const [, name, id] = u.pathname.split('/');
      const handler = BASELINE[name!];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      handler(u.searchParams, id ?? '').then(
        (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error) => res.writeHead(500).end(String(error)),
      );
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
}
