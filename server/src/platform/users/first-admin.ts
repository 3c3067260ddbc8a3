import type { AppContext } from '../context.js';
import { systemActor } from '../permissions/actor.js';
import { generatePassword } from '../auth/passwords.js';
import { createUser } from './users.service.js';

/**
 * On first start with no users, creates `admin` (system administrator) with XIESHANG_ADMIN_PASSWORD or a
 * random password printed once. Either must be changed at the first interactive login.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<void> {
  // Demo accounts (xieshang demo) do not count: the operator still gets the first admin.
  const any = await ctx.db.selectFrom('users').select('id').where('isDemo', '=', 0).limit(1).executeTakeFirst();
  if (any) return;
  const password = ctx.config.adminPassword ?? generatePassword();
  await createUser(
    ctx,
    systemActor('bootstrap'),
    { username: 'admin', displayName: '系统管理员', password, roles: ['sysadmin'], mustChangePassword: true },
    { skipPolicy: true },
  );
  if (!ctx.config.adminPassword) {
    process.stdout.write(`\n首次启动：已创建管理员账号 admin，初始密码：${password}\n（仅显示这一次，首次登录后必须修改）\n\n`);
  }
}
