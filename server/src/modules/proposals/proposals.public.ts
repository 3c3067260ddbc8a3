import { PROPOSAL_KINDS, PROPOSAL_STATES, REPLY_CLASSES } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { inPageOrder } from '../../db/paging.js';
import { notFound } from '../../platform/errors.js';
import { todayInShanghai } from '../../platform/time.js';
import { listUnits } from '../org/org.service.js';
import * as repo from './proposals.repo.js';

/**
 * The public portal's list (提案公开): no login, and no personal data — proposer names only (they are
 * public in CPPCC practice), never contact details, evaluations or internal notes.
 */
export async function listPublicProposals(
  app: AppContext,
  f: { q?: string; category?: string; termId?: string; page: number; pageSize: number },
) {
  // The page by id first, read from indexes like the (bounded) count; then the rows of that page.
  const { ids: page, ...total } = await repo.pageOfPublicProposals(app.db, app.dialect, f);
  const ids = page.map((p) => p.id);
  const [rows, proposers, terms] = await Promise.all([
    repo.publicProposalRows(app.db, ids),
    repo.proposersOf(app.db, ids),
    repo.termsById(app.db),
  ]);
  const items = inPageOrder(page, rows);
  return {
    ...total,
    items: items.map((p) => ({
      id: p.id,
      termName: terms.get(p.termId)?.name ?? '',
      number: p.number,
      subject: p.subject,
      category: p.category,
      kindLabel: PROPOSAL_KINDS[p.kind],
      statusLabel: PROPOSAL_STATES[p.status as keyof typeof PROPOSAL_STATES],
      proposers: p.collectiveOrgName
        ? [p.collectiveOrgName]
        : proposers.filter((x) => x.proposalId === p.id && (x.role === 'lead' || x.confirmState === 'confirmed')).map((x) => x.name),
      registeredAt: p.registeredAt ? todayInShanghai(new Date(p.registeredAt)) : null,
    })),
  };
}

export async function getPublicProposal(app: AppContext, id: string) {
  const p = await repo.publicProposal(app.db, id);
  if (!p) throw notFound('提案');
  const [proposers, terms, replies, units] = await Promise.all([
    repo.proposersOf(app.db, [id]),
    repo.termsById(app.db),
    repo.publicRepliesOfProposal(app.db, id),
    listUnits(app.db),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    id: p.id,
    termName: terms.get(p.termId)?.name ?? '',
    number: p.number,
    subject: p.subject,
    category: p.category,
    kindLabel: PROPOSAL_KINDS[p.kind],
    statusLabel: PROPOSAL_STATES[p.status as keyof typeof PROPOSAL_STATES],
    proposers: p.collectiveOrgName
      ? [p.collectiveOrgName]
      : proposers.filter((x) => x.role === 'lead' || x.confirmState === 'confirmed').map((x) => x.name),
    registeredAt: p.registeredAt ? todayInShanghai(new Date(p.registeredAt)) : null,
    body: { situation: p.situation, analysis: p.analysis, suggestions: p.suggestions },
    replies: replies.map((r) => ({
      unitName: unitName.get(r.unitId) ?? '',
      round: r.round,
      classLabel: REPLY_CLASSES[r.classification],
      body: r.body,
      date: todayInShanghai(new Date(r.submittedAt)),
    })),
  };
}
