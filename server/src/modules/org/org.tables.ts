/** Tables owned by the org module. */
export interface OrgTables {
  terms: { id: string; name: string; number: number; startDate: string; endDate: string | null; isCurrent: number; createdAt: string };
  plenaries: { id: string; termId: string; number: number; name: string; startDate: string; endDate: string | null; createdAt: string };
  sectors: { id: string; name: string; sortOrder: number; createdAt: string };
  committees: { id: string; name: string; shortName: string | null; aliases: string; sortOrder: number; createdAt: string };
  committeeMembers: { committeeId: string; memberId: string; position: 'director' | 'deputy_director' | 'member' };
  departments: { id: string; name: string; kind: 'office' | 'party_organ' | 'committee_office' | 'other'; aliases: string; sortOrder: number; createdAt: string };
  parties: { id: string; name: string; sortOrder: number; createdAt: string };
  streetGroups: { id: string; name: string; street: string | null; sortOrder: number; createdAt: string };
  studios: { id: string; name: string; streetGroupId: string | null; address: string | null; createdAt: string };
  units: { id: string; name: string; kind: string; contactName: string | null; contactPhone: string | null; sortOrder: number; createdAt: string };
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
