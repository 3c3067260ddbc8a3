import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../../cli/command.js';
import { withContext } from '../../cli/main.js';
import { AppError } from '../../platform/errors.js';
import { systemActor } from '../../platform/permissions/actor.js';
import { importPlanFile } from './plan.service.js';

const USAGE = 'plan import <文件> [--year 年度] [--map 文件中的名称=组织中的名称]…';

export const planImportCommand: CliCommand = {
  name: ['plan', 'import'],
  summary: '导入工作要点（自动对应领导、部门、专委会；未对应的名称只保留原文）',
  usage: USAGE,
  async run(args, config) {
    const { values, positionals } = parseArgs({
      args,
      options: { year: { type: 'string' }, map: { type: 'string', multiple: true } },
      allowPositionals: true,
    });
    const file = positionals[0];
    const year = values.year ? Number(values.year) : undefined;
    const maps: Record<string, string> = {};
    for (const pair of values.map ?? []) {
      const [from, to] = pair.split('=');
      if (!from || !to) {
        console.error(`--map 的格式应为 名称=名称：${pair}`);
        return 2;
      }
      maps[from.trim()] = to.trim();
    }
    if (!file || positionals.length > 1 || (year !== undefined && !Number.isInteger(year))) {
      console.error(`用法：xieshang ${USAGE}`);
      return 2;
    }
    const buffer = await readFile(file);
    try {
      const result = await withContext(config, (ctx) =>
        importPlanFile(ctx, systemActor('cli'), { buffer, filename: path.basename(file), year, maps }),
      );
      console.log(`已导入 ${result.year} 年工作要点：${result.sections} 个部分、${result.items} 项条目、${result.activities} 项活动安排`);
      if (result.unlinked.length) {
        console.log(`未对应、仅保留原文的名称（可用 --map 指定）：`);
        for (const n of result.unlinked) console.log(`  ${n.name}`);
      }
      for (const w of result.warnings) console.log(`  提示：第 ${w.line} 行 ${w.message}`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        console.error(`错误：${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
