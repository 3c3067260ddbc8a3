import type { Role, Scope } from '@xieshang/shared';
import { forbidden } from '../errors.js';

/** Who is acting, with the grants of all their roles merged (broadest scope wins). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  grants: Record<string, Scope>;
  memberId: string | null;
  unitId: string | null;
  departmentIds: string[];
  ip: string | null;
  requestId: string | null;
  sessionId: string | null;
  /** CLI commands and jobs. */
  system?: boolean;
}

const RANK: Record<Scope, number> = { own: 1, department: 2, unit: 2, all: 3 };

export function mergeGrants(rows: { permission: string; scope: string }[]): Record<string, Scope> {
  const grants: Record<string, Scope> = {};
  for (const { permission, scope } of rows) {
    const s = scope as Scope;
    const current = grants[permission];
    if (!current || RANK[s] > RANK[current]) grants[permission] = s;
  }
  return grants;
}

/** The one permission check: the scope the actor holds for a permission, or null. Deny by default. */
export function can(actor: Actor | null, permission: string): Scope | null {
  if (actor?.system) return 'all';
  return actor?.grants[permission] ?? null;
}

/** Like can(), but a missing grant is a 403. */
export function authorize(actor: Actor | null, permission: string): Scope {
  const scope = can(actor, permission);
  if (!scope) throw forbidden();
  return scope;
}

/** The actor of CLI commands and jobs: every permission, named as such in the audit trail. */
export function systemActor(name = 'system'): Actor {
  return {
    userId: '',
    username: name,
    displayName: '系统',
    roles: [],
    grants: {},
    memberId: null,
    unitId: null,
    departmentIds: [],
    ip: null,
    requestId: null,
    sessionId: null,
    system: true,
  };
}
