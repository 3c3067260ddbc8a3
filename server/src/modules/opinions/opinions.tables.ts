import type { SubstringIndex } from '../../db/dialect/index.js';

/** The titles (as written and as edited) and who a report comes from, searchable by substring (ADR 0102). */
export const OPINION_SEARCH: SubstringIndex = {
  name: 'opinion_search',
  table: 'opinion_reports',
  key: 'id',
  column: 'search_text',
  order: 'created_at',
  // About 44 bytes: the list index carries it on PostgreSQL (migration 2026112800).
  textInListIndex: true,
};

/** Tables owned by the opinions module (社情民意信息). */
export interface OpinionTables {
  opinionReports: {
    id: string;
    /** The author's text as submitted; the office's edits are rows of opinionVersions (ADR 0103). */
    title: string;
    situation: string;
    analysis: string;
    suggestions: string;
    /** The title of the latest edited version, for lists and bulletins; null while unedited. */
    editedTitle: string | null;
    category: string;
    source: 'member' | 'party' | 'sector' | 'informant';
    /** The member who wrote it; null when the office records it for a party, sector or informant. */
    authorMemberId: string | null;
    /** The party or sector it comes from (source party / sector). */
    sourceOrgId: string | null;
    /** Who it comes from, as printed: the member's, party's, sector's or informant's name. */
    sourceName: string;
    /** The opinions office department that owns the record (its data scope). */
    departmentId: string | null;
    status: string;
    /** Calendar year of submission (Shanghai); null for a draft never submitted. */
    year: number | null;
    submittedAt: string | null;
    acceptedAt: string | null;
    closedAt: string | null;
    declineReason: string | null;
    /** What the search index reads: see OPINION_SEARCH and searchText in the repository. */
    searchText: string;
    /** The proposal this report was converted from (提案转社情民意). */
    proposalId: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  opinionCoauthors: { reportId: string; memberId: string; name: string; sortOrder: number };
  opinionVersions: {
    id: string;
    reportId: string;
    /** 1, 2 … in order of editing; the original text is version 0 and lives on the report. */
    version: number;
    title: string;
    situation: string;
    analysis: string;
    suggestions: string;
    editorName: string;
    editedBy: string;
    note: string | null;
    createdAt: string;
  };
  opinionAdoptions: {
    id: string;
    reportId: string;
    level: 'district' | 'city' | 'national';
    date: string;
    /** Where it was adopted: 《社情民意》专刊, 市政协信息 … */
    outlet: string | null;
    createdBy: string;
    createdAt: string;
  };
  opinionForwards: { id: string; reportId: string; target: string; date: string; createdBy: string; createdAt: string };
  opinionInstructions: {
    id: string;
    reportId: string;
    leaderName: string;
    leaderTitle: string | null;
    level: 'district' | 'city' | 'national';
    content: string;
    date: string;
    /** The leader's own account when a leader recorded it; null when the office recorded one received on paper. */
    leaderUserId: string | null;
    createdBy: string;
    createdAt: string;
  };
  opinionFeedbacks: { id: string; reportId: string; content: string; date: string; createdBy: string; createdAt: string };
  opinionCategories: { id: string; name: string; sortOrder: number; active: number; createdAt: string };
  opinionBulletins: {
    id: string;
    year: number;
    /** 第N期: one sequence per year. */
    number: number;
    title: string;
    issueDate: string;
    status: 'draft' | 'published';
    publishedAt: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  opinionBulletinItems: { bulletinId: string; reportId: string; sortOrder: number };
  opinionBulletinCounters: { year: number; lastNumber: number };
}
