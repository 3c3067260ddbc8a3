import type { Generated } from 'kysely';

/** Tables owned by the platform services (auth, permissions, audit, workflow, notifications, jobs, files). */
export interface PlatformTables {
  users: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    passwordChangedAt: string;
    mustChangePassword: number;
    failedAttempts: number;
    lockedUntil: string | null;
    totpSecret: string | null;
    totpEnabled: number;
    status: 'active' | 'disabled';
    memberId: string | null;
    unitId: string | null;
    isDemo: number;
    createdAt: string;
    updatedAt: string;
    lastLoginAt: string | null;
  };
  passwordHistory: { id: string; userId: string; passwordHash: string; createdAt: string };
  userRoles: { userId: string; role: string };
  userDepartments: { userId: string; departmentId: string };
  roles: { code: string; name: string; description: string; builtin: number };
  rolePermissions: { role: string; permission: string; scope: string };
  /** Moved on by triggers with every change of userRoles, rolePermissions and userDepartments. */
  accessEpoch: { id: number; value: number };
  /** Permissions whose default grants were seeded once, so that later edits by the security admin stay. */
  permissionCatalog: { permission: string; seededAt: string };
  sessions: {
    id: string;
    tokenHash: string;
    userId: string;
    createdAt: string;
    lastSeenAt: string;
    absoluteExpiresAt: string;
    ip: string;
    userAgent: string;
  };
  settings: { key: string; value: string; updatedAt: string };
  auditLog: {
    seq: Generated<number>;
    id: string;
    at: string;
    userId: string | null;
    username: string | null;
    role: string | null;
    ip: string | null;
    action: string;
    objectType: string | null;
    objectId: string | null;
    result: string;
    requestId: string | null;
    details: string | null;
    prevHash: string;
    hash: string;
  };
  workflowTransitions: {
    id: string;
    workflow: string;
    recordId: string;
    action: string;
    fromState: string;
    toState: string;
    actorId: string | null;
    actorName: string | null;
    comment: string | null;
    payload: string | null;
    at: string;
  };
  notifications: {
    id: string;
    userId: string;
    kind: string;
    title: string;
    body: string;
    link: string | null;
    readAt: string | null;
    createdAt: string;
  };
  jobs: {
    id: string;
    name: string;
    payload: string;
    runAt: string;
    status: 'pending' | 'running' | 'done' | 'failed';
    attempts: number;
    lastError: string | null;
    singletonKey: string | null;
    lockedAt: string | null;
    createdAt: string;
  };
  files: {
    id: string;
    ownerId: string | null;
    name: string;
    mime: string;
    size: number;
    sha256: string;
    storageKey: string;
    objectType: string | null;
    objectId: string | null;
    createdAt: string;
  };
  rateLimits: { key: string; count: number; windowStart: string };
}
