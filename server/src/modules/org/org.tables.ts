import type { Generated } from 'kysely';

/** Tables owned by the org module. */
export interface OrgTables {
  terms: {
    id: string;
    name: string;
    number: number;
    startDate: string;
    endDate: string | null;
    isCurrent: number;
    isDemo: Generated<number>;
    createdAt: string;
  };
  plenaries: {
    id: string;
    termId: string;
    number: number;
    name: string;
    startDate: string;
    endDate: string | null;
    isDemo: Generated<number>;
    createdAt: string;
  };
  sectors: { id: string; name: string; sortOrder: number; isDemo: Generated<number>; createdAt: string };
  committees: {
    id: string;
    name: string;
    shortName: string | null;
    aliases: string;
    sortOrder: number;
    isDemo: Generated<number>;
    createdAt: string;
  };
  committeeMembers: { committeeId: string; memberId: string; position: 'director' | 'deputy_director' | 'member' };
  departments: {
    id: string;
    name: string;
    kind: 'office' | 'party_organ' | 'committee_office' | 'other';
    aliases: string;
    sortOrder: number;
    isDemo: Generated<number>;
    createdAt: string;
  };
  /** A name that stands for several departments (各专委会分党组). */
  departmentGroups: { id: string; name: string; aliases: string; sortOrder: number; isDemo: Generated<number>; createdAt: string };
  departmentGroupMembers: { groupId: string; departmentId: string };
  parties: { id: string; name: string; sortOrder: number; isDemo: Generated<number>; createdAt: string };
  streetGroups: { id: string; name: string; street: string | null; sortOrder: number; isDemo: Generated<number>; createdAt: string };
  studios: { id: string; name: string; streetGroupId: string | null; address: string | null; isDemo: Generated<number>; createdAt: string };
  units: {
    id: string;
    name: string;
    kind: string;
    aliases: Generated<string>;
    contactName: string | null;
    contactPhone: string | null;
    contactEmail: Generated<string | null>;
    address: Generated<string | null>;
    sortOrder: number;
    isDemo: Generated<number>;
    createdAt: string;
  };
  members: {
    id: string;
    name: string;
    /** Sort key by surname strokes (姓氏笔画), computed once on write. */
    strokeKey: string;
    /** Full pinyin without tones and initials, for search. */
    pinyin: string;
    pinyinInitials: string;
    gender: 'male' | 'female';
    ethnicity: string;
    birthDate: string | null;
    partyId: string | null;
    sectorId: string | null;
    isStandingMember: number;
    isLeader: number;
    /** 主席, 副主席, 秘书长 … of a leader member. */
    leaderTitle: Generated<string | null>;
    employer: string | null;
    jobTitle: string | null;
    mobile: string | null;
    email: string | null;
    streetGroupId: string | null;
    studioId: string | null;
    status: 'active' | 'inactive';
    isDemo: number;
    createdAt: string;
    updatedAt: string;
  };
  memberTerms: { memberId: string; termId: string };
}
