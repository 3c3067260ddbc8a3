#!/usr/bin/env node
// The one test command (`npm test`): the API suite on SQLite, on PostgreSQL when TEST_DATABASE_URL is set,
// and the browser journeys when Chromium is installed. Skipped suites are named; under CI=true a
// skipped suite is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const ci = process.env.CI === 'true';
const projects = ['sqlite'];
const skipped = [];

if (process.env.TEST_DATABASE_URL) projects.push('postgres');
else skipped.push('postgres：未设置 TEST_DATABASE_URL（例如 postgres://postgres@127.0.0.1:5432/test），跳过 PostgreSQL 测试');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) projects.push('browser');
else skipped.push(`browser：未找到 Chromium（${chromium}；apt-get install chromium fonts-noto-cjk），跳过浏览器测试`);

for (const line of skipped) console.log(`[跳过] ${line}`);
if (ci && skipped.length) {
  console.error('CI=true 时不允许跳过测试套件');
  process.exit(1);
}

if (projects.includes('browser')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The browser journeys run after the API suites, not beside them: next to the fuzz suite on two cores, a
// dropdown still fading out was once clicked for the next one. Arguments (file filters) go to both runs.
const filters = process.argv.slice(2);
const runs = [projects.filter((p) => p !== 'browser'), projects.filter((p) => p === 'browser')].filter((run) => run.length);
let status = 0;
for (const run of runs) {
  const args = ['vitest', 'run', ...run.flatMap((p) => ['--project', p]), ...(filters.length ? ['--passWithNoTests'] : []), ...filters];
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0 && status === 0) status = result.status ?? 1;
}
process.exit(status);
