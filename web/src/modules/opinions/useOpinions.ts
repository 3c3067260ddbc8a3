import { useQuery } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api/client';
import type { OpinionListItem, OpinionMeta } from './types';

export type ListParams = Record<string, string | number | boolean | undefined>;

export function useOpinionList(params: ListParams) {
  return useQuery({ queryKey: ['opinions', params], queryFn: () => api.get<Page<OpinionListItem>>(`/api/v1/opinions${qs(params)}`) });
}

export function useOpinionMeta() {
  return useQuery({ queryKey: ['opinions', 'meta'], queryFn: () => api.get<OpinionMeta>('/api/v1/opinions/meta'), staleTime: 300_000 });
}

/** A download through a plain link keeps the session cookie and the browser's own save dialog. */
export function download(url: string) {
  window.location.assign(url);
}
