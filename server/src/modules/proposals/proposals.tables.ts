import type { Generated } from 'kysely';
import type { ChildSummary, SubstringIndex } from '../../db/dialect/index.js';

/** The substring index over `proposals.search_text` (subject, body, proposer names): ADR 0102. */
export const PROPOSAL_SEARCH: SubstringIndex = {
  name: 'proposal_search',
  table: 'proposals',
  key: 'id',
  column: 'search_text',
  order: 'created_at',
};

/** `proposals.proposer_names`: the names a list shows, of the proposers who have not refused, in order (ADR 0110). */
export const PROPOSER_NAMES: ChildSummary = {
  name: 'proposal_proposer_names',
  parent: 'proposals',
  parentKey: 'id',
  column: 'proposer_names',
  child: 'proposal_proposers',
  childKey: 'proposal_id',
  values: ['name'],
  where: "confirm_state <> 'refused'",
  orderBy: 'sort_order',
};

/** `proposals.handling_units`: `[unitId, role, dueDate]` of each active assignment, in the order made (ADR 0110). */
export const HANDLING_UNITS: ChildSummary = {
  name: 'proposal_handling_units',
  parent: 'proposals',
  parentKey: 'id',
  column: 'handling_units',
  child: 'proposal_assignments',
  childKey: 'proposal_id',
  values: ['unit_id', 'role', 'due_date'],
  where: 'active = 1',
  orderBy: 'assigned_at, id',
};

/** Tables owned by the proposals module. */
export interface ProposalTables {
  proposals: {
    id: string;
    termId: string;
    plenaryId: string | null;
    session: 'plenary' | 'interim';
    /** Assigned at registration, one sequence per term. */
    number: number | null;
    subject: string;
    situation: string;
    analysis: string;
    suggestions: string;
    category: string | null;
    kind: 'individual' | 'joint' | 'collective';
    collectiveOrgType: 'party' | 'sector' | 'committee' | null;
    collectiveOrgId: string | null;
    collectiveOrgName: string | null;
    leadMemberId: string;
    /** The proposal office department that owns the record (its data scope). */
    departmentId: string | null;
    status: string;
    /** Handling round: 1, then +1 for each re-handling. */
    round: number;
    cosignDeadline: string | null;
    submittedAt: string | null;
    registeredAt: string | null;
    assignedAt: string | null;
    dueDate: string | null;
    repliedAt: string | null;
    closedAt: string | null;
    declineGround: string | null;
    mergedIntoId: string | null;
    convertedTo: 'opinion' | 'member_letter' | null;
    convertedLink: string | null;
    isKey: number;
    keyYear: number | null;
    supervisorMemberId: string | null;
    isExcellent: number;
    excellentYear: number | null;
    isPublic: number;
    /** Subject, body and proposer names, for search. */
    searchText: string;
    /** JSON kept by triggers from `proposal_proposers` (PROPOSER_NAMES). */
    proposerNames: Generated<string>;
    /** JSON kept by triggers from `proposal_assignments` (HANDLING_UNITS). */
    handlingUnits: Generated<string>;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  proposalProposers: {
    proposalId: string;
    memberId: string;
    name: string;
    role: 'lead' | 'cosigner';
    confirmState: 'confirmed' | 'pending' | 'refused' | 'expired';
    confirmedAt: string | null;
    sortOrder: number;
    /** The proposal's creation time, which never changes: a member's list walks their rows in it (ADR 0113). */
    proposalCreatedAt: string;
  };
  proposalAssignments: {
    id: string;
    proposalId: string;
    unitId: string;
    role: 'lead' | 'joint' | 'separate';
    dueDate: string;
    assignedAt: string;
    active: number;
    /** The proposal's `createdAt`, which never changes: a unit's list walks its assignments in list order. */
    proposalCreatedAt: string;
    objectionState: 'pending' | 'accepted' | 'rejected' | null;
    objectionReason: string | null;
    objectionAnswer: string | null;
  };
  proposalReplies: {
    id: string;
    proposalId: string;
    unitId: string;
    round: number;
    classification: 'A' | 'B' | 'C';
    body: string;
    state: 'submitted' | 'pending_review' | 'rejected';
    onTime: number;
    submittedBy: string;
    submittedAt: string;
    reviewedAt: string | null;
    reviewComment: string | null;
  };
  proposalAdvices: { id: string; proposalId: string; unitId: string; round: number; body: string; createdBy: string; createdAt: string };
  proposalEvaluations: {
    id: string;
    proposalId: string;
    memberId: string;
    round: number;
    satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
    comment: string | null;
    createdAt: string;
  };
  proposalSupervisions: {
    id: string;
    proposalId: string;
    kind: 'meeting' | 'note';
    date: string;
    content: string;
    authorName: string;
    createdBy: string;
    createdAt: string;
  };
  proposalCategories: { id: string; name: string; sortOrder: number; active: number; createdAt: string };
  proposalCounters: { termId: string; lastNumber: number };
}
