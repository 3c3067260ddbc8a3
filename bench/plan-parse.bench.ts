// Time to parse the Dongcheng 2020 work plan (budget: ≤ 100 ms per parse), and a document 100 times its size
// to show that the time grows with the length of the input. Run: node --import tsx bench/plan-parse.bench.ts
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parsePlanText } from '../server/src/modules/plan/parser/parse-plan.ts';

const RUNS = 200;
const WARM_UP = 20;
const BUDGET_MS = 100;
const SCALE = 100;

const text = readFileSync(new URL('../server/test/fixtures/dongcheng-2020-work-plan.txt', import.meta.url), 'utf8');
const megabytes = (input: string) => Buffer.byteLength(input, 'utf8') / 1e6;

function time(input: string): number {
  const start = performance.now();
  parsePlanText(input);
  return performance.now() - start;
}

for (let i = 0; i < WARM_UP; i++) time(text);
const times = Array.from({ length: RUNS }, () => time(text)).sort((a, b) => a - b);
const mean = times.reduce((sum, t) => sum + t, 0) / RUNS;
const median = times[RUNS / 2];
const p95 = times[Math.ceil(RUNS * 0.95) - 1];
console.log(`plan parse, fixture (${(megabytes(text) * 1000).toFixed(1)} kB), ${RUNS} runs:`);
console.log(`  mean ${mean.toFixed(3)} ms, median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, max ${times[RUNS - 1].toFixed(3)} ms`);
console.log(
  `  ${(megabytes(text) / (mean / 1000)).toFixed(1)} MB/s; budget ${BUDGET_MS} ms per parse: ${p95 <= BUDGET_MS ? 'within' : 'OVER'}`,
);

// The body and the attachment repeated: the numbering no longer runs on, which only adds warnings.
const [body, attachment] = text.split(/(?=^附件：)/m);
const large = body + body.slice(body.search(/^一、/m)).repeat(SCALE - 1) + attachment.repeat(SCALE);
const largeMs = time(large);
console.log(
  `plan parse, ${SCALE}× document (${megabytes(large).toFixed(1)} MB): ${largeMs.toFixed(1)} ms, ${(megabytes(large) / (largeMs / 1000)).toFixed(1)} MB/s`,
);
