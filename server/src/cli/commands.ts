import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand } from './command.js';
import { demoCommand } from '../modules/org/demo/demo.command.js';
import { planImportCommand } from '../modules/plan/plan.command.js';
import { parsePlanFile } from '../modules/plan/parser/parse-plan.js';
import type { ParsedPlan } from '../modules/plan/parser/types.js';

/** A short Chinese account of a parsed plan, for reading on the console. */
function planSummary(plan: ParsedPlan): string {
  const items = plan.sections.flatMap((section) => section.items);
  const dated = items.filter((item) => item.deadline?.date).length;
  const categories = new Map<string, number>();
  for (const activity of plan.activities) categories.set(activity.category, (categories.get(activity.category) ?? 0) + 1);
  const lines = [
    `标题：${plan.title || '（未识别）'}`,
    `年度：${plan.year ?? '（未识别）'}`,
    ...(plan.documentNumber ? [`文号：${plan.documentNumber}`] : []),
    ...(plan.adoptedOn ? [`通过日期：${plan.adoptedOn}`] : []),
    `工作要点：${plan.sections.length} 个部分，${items.length} 条（${dated} 条有完成日期）`,
    ...plan.sections.map((section) => `  ${section.no}. ${section.title}：${section.items.length} 条`),
    `活动安排：${plan.activities.length} 项${
      categories.size > 0 ? `（${[...categories].map(([category, count]) => `${category} ${count}`).join('，')}）` : ''
    }`,
    plan.warnings.length === 0 ? '警告：无' : `警告：${plan.warnings.length} 条`,
    ...plan.warnings.map((warning) => `  第${warning.line}行：${warning.message}`),
  ];
  return lines.join('\n');
}

const planParse: CliCommand = {
  name: ['plan', 'parse'],
  summary: '解析工作要点文件（.txt 或 .docx），显示条目、活动安排和警告',
  usage: 'plan parse <文件> [--json]',
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      console.error('用法：xieshang plan parse <文件> [--json]');
      return 2;
    }
    const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`无法读取文件 ${file}（${error.code ?? error.message}）`);
    });
    const plan = await parsePlanFile(content, file);
    console.log(values.json ? JSON.stringify(plan, null, 2) : planSummary(plan));
    return 0;
  },
};

/** Commands contributed by feature modules. */
export const moduleCommands: CliCommand[] = [planParse, demoCommand, planImportCommand];
