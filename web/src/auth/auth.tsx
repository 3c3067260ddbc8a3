import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@xieshang/shared';
import { api, ApiError } from '../api/client';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Record<string, string>;
  memberId: string | null;
  unitId: string | null;
  departmentIds: string[];
  mustChangePassword: boolean;
  passwordExpired: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
}

interface AuthState {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<unknown>;
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthState>({ me: null, loading: true, refresh: async () => undefined, can: () => false });

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/v1/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  useEffect(() => {
    const onUnauthorized = () => client.setQueryData(['me'], null);
    window.addEventListener('xs:unauthorized', onUnauthorized);
    return () => window.removeEventListener('xs:unauthorized', onUnauthorized);
  }, [client]);
  const me = query.data ?? null;
  return (
    <AuthContext.Provider value={{ me, loading: query.isLoading, refresh: () => query.refetch(), can: (p) => Boolean(me?.permissions[p]) }}>
      {children}
    </AuthContext.Provider>
  );
}

export const useAuth = () => useContext(AuthContext);
