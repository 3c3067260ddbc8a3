import type { AppContext } from '../../platform/context.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { addDays, todayInShanghai } from '../../platform/time.js';
import { userIdsOfUnits } from '../org/org.service.js';
import { assignmentsDueOn } from './proposals.repo.js';

/** Reminders to handling units: a week before the reply is due, and the day after it fell due. */
export async function sendDueReminders(app: AppContext, today = todayInShanghai()): Promise<number> {
  const soon = addDays(today, 7);
  const late = addDays(today, -1);
  const rows = await assignmentsDueOn(app.db, [soon, late]);
  for (const row of rows) {
    const users = await userIdsOfUnits(app.db, [row.unitId]);
    const text =
      row.dueDate === soon ? `距办理时限（${row.dueDate}）还有 7 天，请按时答复` : `已超过办理时限（${row.dueDate}），请尽快答复`;
    await notifyUsers(app, app.db, users, {
      kind: 'proposal.due',
      title: `第${row.number ?? ''}号提案「${row.subject}」${text}`,
      body: text,
      link: `/proposals/${row.id}`,
    });
  }
  return rows.length;
}

export async function registerProposalJobs(app: AppContext): Promise<void> {
  app.jobs.register('proposals.due-reminders', async () => {
    await sendDueReminders(app);
  });
  await app.jobs.every('proposals.due-reminders', 1440);
}
