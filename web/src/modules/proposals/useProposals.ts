import { useQuery } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api/client';
import type { ProposalListItem, ProposalMeta } from './types';

export type ListParams = Record<string, string | number | boolean | undefined>;

export function useProposalList(params: ListParams) {
  return useQuery({ queryKey: ['proposals', params], queryFn: () => api.get<Page<ProposalListItem>>(`/api/v1/proposals${qs(params)}`) });
}

export function useProposalMeta() {
  return useQuery({ queryKey: ['proposals', 'meta'], queryFn: () => api.get<ProposalMeta>('/api/v1/proposals/meta'), staleTime: 300_000 });
}

/** A download through a plain link keeps the session cookie and the browser's own save dialog. */
export function download(url: string) {
  window.location.assign(url);
}
