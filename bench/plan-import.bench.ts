// Time to parse the Dongcheng 2020 work plan (budget ≤ 100 ms) and to import it, with its 32 activity plan
// entries, into a fresh SQLite database holding the demo organisation. Run: node --import tsx bench/plan-import.bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createContext } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/index.ts';
import { loadDemo } from '../server/src/modules/org/demo/demo.ts';
import { parsePlanText } from '../server/src/modules/plan/parser/parse-plan.ts';
import { importPlanFile } from '../server/src/modules/plan/plan.service.ts';
import { systemActor } from '../server/src/platform/permissions/actor.ts';

const PARSE_RUNS = 100;
const IMPORT_RUNS = 20;
const PARSE_BUDGET_MS = 100;

const file = new URL('../server/test/fixtures/dongcheng-2020-work-plan.txt', import.meta.url);
const buffer = fs.readFileSync(file);
const text = buffer.toString('utf8');

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((s, t) => s + t, 0) / sorted.length;
  const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1];
  return `mean ${mean.toFixed(2)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
};

for (let i = 0; i < 10; i++) parsePlanText(text);
const parseTimes: number[] = [];
for (let i = 0; i < PARSE_RUNS; i++) {
  const start = performance.now();
  parsePlanText(text);
  parseTimes.push(performance.now() - start);
}
const parseP95 = [...parseTimes].sort((a, b) => a - b)[Math.ceil(PARSE_RUNS * 0.95) - 1];
console.log(
  `plan parse (${PARSE_RUNS} runs): ${stats(parseTimes)} — budget ${PARSE_BUDGET_MS} ms: ${parseP95 <= PARSE_BUDGET_MS ? 'within' : 'OVER'}`,
);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-plan-'));
try {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const conn = openDatabase({ dataDir, lock: true });
  const ctx = await createContext(config, conn, pino({ level: 'silent' }));
  await loadDemo(ctx, 'Bench#demo2026');
  const actor = systemActor('bench');
  const importTimes: number[] = [];
  let counts = '';
  for (let i = 0; i < IMPORT_RUNS; i++) {
    // Each run is a different year, since a year has one plan; each is parsed and imported from the file.
    const start = performance.now();
    const result = await importPlanFile(ctx, actor, { buffer, filename: 'dongcheng-2020-work-plan.txt', year: 2020 + i, maps: {} });
    importTimes.push(performance.now() - start);
    counts = `${result.sections} sections, ${result.items} items, ${result.activities} activity plan entries`;
  }
  console.log(`plan parse + import into SQLite (${IMPORT_RUNS} runs, ${counts} each): ${stats(importTimes)}`);
  await conn.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
