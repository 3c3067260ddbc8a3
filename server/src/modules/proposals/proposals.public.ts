import { PROPOSAL_KINDS, PROPOSAL_STATES, REPLY_CLASSES } from '@xieshang/shared';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { containsText, matchesWords } from '../../db/dialect/index.js';
import { inPageOrder, pageOfIds } from '../../db/paging.js';
import { notFound } from '../../platform/errors.js';
import { todayInShanghai } from '../../platform/time.js';
import { listUnits } from '../org/org.service.js';
import * as repo from './proposals.repo.js';
import { PROPOSAL_SEARCH } from './proposals.tables.js';

/** Published: registered and handled proposals the office has not marked 不公开. */
const PUBLIC_STATES = repo.HANDLED_STATES;
const UNPUBLISHED_STATES = Object.keys(PROPOSAL_STATES).filter((s) => !(PUBLIC_STATES as readonly string[]).includes(s));

type Filter = { q?: string; category?: string; termId?: string };

/**
 * The same set written two ways for the planner: the page walks the registration-date index
 * (registered_at is set on registration and kept), the count seeks the (is_public, status) index.
 */
function publicQuery(app: AppContext, f: Filter, forCount = false) {
  let query = app.db.selectFrom('proposals').where('isPublic', '=', 1);
  query = forCount
    ? query.where('status', 'in', [...PUBLIC_STATES])
    : query.where('registeredAt', 'is not', null).where('status', 'not in', UNPUBLISHED_STATES);
  if (f.category) query = query.where('category', '=', f.category);
  if (f.termId) query = query.where('termId', '=', f.termId);
  // The search index (subject, body and names) finds the candidates; the subject itself decides.
  if (f.q)
    query = query
      .where(matchesWords(app.dialect, PROPOSAL_SEARCH, sql.ref('proposals.id'), f.q))
      .where(containsText(app.dialect, sql.ref('subject'), f.q));
  return query;
}

/**
 * The public portal's list (提案公开): no login, and no personal data — proposer names only (they are
 * public in CPPCC practice), never contact details, evaluations or internal notes.
 */
export async function listPublicProposals(
  app: AppContext,
  f: { q?: string; category?: string; termId?: string; page: number; pageSize: number },
) {
  // The page by id first, read from indexes like the (bounded) count; then the rows of that page.
  const { ids: page, ...total } = await pageOfIds(
    app.db,
    publicQuery(app, f, true),
    publicQuery(app, f).select('id').orderBy('registeredAt', 'desc').orderBy('id', 'desc'),
    { page: f.page, pageSize: f.pageSize, readsAllMatches: Boolean(f.q) },
  );
  const ids = page.map((p) => p.id);
  const [rows, proposers, terms] = await Promise.all([
    ids.length
      ? app.db
          .selectFrom('proposals')
          .select(['id', 'termId', 'number', 'subject', 'category', 'kind', 'status', 'collectiveOrgName', 'registeredAt'])
          .where('id', 'in', ids)
          .execute()
      : [],
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
  const p = await publicQuery(app, {})
    .select([
      'id',
      'termId',
      'number',
      'subject',
      'category',
      'kind',
      'status',
      'collectiveOrgName',
      'registeredAt',
      'situation',
      'analysis',
      'suggestions',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound('提案');
  const [proposers, terms, replies, units] = await Promise.all([
    repo.proposersOf(app.db, [id]),
    repo.termsById(app.db),
    app.db
      .selectFrom('proposalReplies')
      .select(['unitId', 'round', 'classification', 'body', 'submittedAt'])
      .where('proposalId', '=', id)
      .where('state', '=', 'submitted')
      .orderBy('submittedAt')
      .execute(),
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
