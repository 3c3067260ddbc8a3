import { parseArgs } from 'node:util';
import type { CliCommand } from '../../../cli/command.js';
import { withContext } from '../../../cli/main.js';
import { AppError } from '../../../platform/errors.js';
import { loadDemo } from './demo.js';

export const demoCommand: CliCommand = {
  name: ['demo'],
  summary: '加载演示组织（东城区政协模型：领导、部门、专委会、界别、约 300 名委员、70 个承办单位及各角色账号）',
  usage: 'demo --password <密码> [--json]',
  async run(args, config) {
    const { values } = parseArgs({ args, options: { password: { type: 'string' }, json: { type: 'boolean' } } });
    if (!values.password) {
      console.error('用法：xieshang demo --password <密码> [--json]');
      return 2;
    }
    try {
      const accounts = await withContext(config, (ctx) => loadDemo(ctx, values.password!));
      if (values.json) process.stdout.write(`${JSON.stringify(accounts)}\n`);
      else {
        console.log(`演示数据已加载（所有演示账号的密码为指定的密码，显示名带“【演示】”）：`);
        for (const a of accounts) console.log(`  ${a.username.padEnd(20)} ${a.roles.join(',')}`);
      }
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
