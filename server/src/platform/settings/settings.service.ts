import { z } from 'zod';
import type { Executor } from '../../db/schema.js';
import { nowIso } from '../time.js';

/** Settings are typed documents stored by key; each has a schema and defaults. */
export const securityPolicySchema = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  passwordHistory: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleMinutes: z.number().int().min(5).max(480),
  absoluteHours: z.number().int().min(1).max(72),
  requireTotpForRoles: z.array(z.string()).max(8),
  loginRatePerMinute: z.number().int().min(5).max(1000),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
  requireTotpForRoles: [],
  loginRatePerMinute: 30,
};

export async function getSetting<T>(db: Executor, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  const parsed = schema.safeParse({ ...(fallback as object), ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : fallback;
}

export async function putSetting(db: Executor, key: string, value: unknown): Promise<void> {
  if (key === SECURITY_POLICY_KEY) policyCache = new WeakMap();
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updatedAt: nowIso() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: nowIso() }))
    .execute();
}

export const SECURITY_POLICY_KEY = 'security.policy';
export const getSecurityPolicy = (db: Executor) => getSetting(db, SECURITY_POLICY_KEY, securityPolicySchema, DEFAULT_SECURITY_POLICY);

/**
 * Every signed-in request needs the policy for idle expiry, so each process keeps it for a moment: a change
 * made on this process applies at once, one made on another node within POLICY_CACHE_MS (ADR 0008). Login
 * and password changes read it fresh.
 */
const POLICY_CACHE_MS = 2000;
let policyCache = new WeakMap<Executor, { policy: SecurityPolicy; readAt: number }>();

export async function cachedSecurityPolicy(db: Executor): Promise<SecurityPolicy> {
  const cached = policyCache.get(db);
  if (cached && Date.now() - cached.readAt < POLICY_CACHE_MS) return cached.policy;
  const policy = await getSecurityPolicy(db);
  policyCache.set(db, { policy, readAt: Date.now() });
  return policy;
}
