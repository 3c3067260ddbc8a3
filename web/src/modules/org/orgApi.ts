import { useQuery } from '@tanstack/react-query';
import type { CommitteePosition, Gender, MemberStatus, OrgKind } from '@xieshang/shared';
import { api } from '../../api/client';

export interface Member {
  id: string;
  name: string;
  pinyin: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string | null;
  partyId: string | null;
  partyName: string | null;
  sectorId: string | null;
  sectorName: string | null;
  isStandingMember: number;
  isLeader: number;
  leaderTitle: string | null;
  employer: string | null;
  jobTitle: string | null;
  mobile: string | null;
  email: string | null;
  streetGroupId: string | null;
  streetGroupName: string | null;
  studioId: string | null;
  studioName: string | null;
  status: MemberStatus;
  committees: { committeeId: string; name: string; position: CommitteePosition }[];
}

export interface MemberDetail extends Member {
  personalMasked: boolean;
  terms: { termId: string; name: string }[];
  hasAccount: boolean;
  canReveal: boolean;
  canEdit: boolean;
  canEditContact: boolean;
}

export type OrgRecord = Record<string, unknown> & { id: string; name: string };

/** One org list (sectors, committees …), shared by the pages that offer them as choices. */
export function useOrgList(kind: OrgKind) {
  return useQuery({ queryKey: ['org', kind], queryFn: () => api.get<{ items: OrgRecord[] }>(`/api/v1/org/${kind}`), staleTime: 60_000 });
}

export const options = (items: OrgRecord[] | undefined) => (items ?? []).map((i) => ({ value: i.id, label: i.name }));

/** Starts a download of a server-made file (Excel) in the browser. */
export function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
