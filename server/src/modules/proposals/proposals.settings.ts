import { z } from 'zod';
import type { Executor } from '../../db/schema.js';
import { getSetting } from '../../platform/settings/settings.service.js';

export const proposalSettingsSchema = z.strictObject({
  /** Days after assignment within which a unit may object (申退). */
  objectionDays: z.number().int().min(1).max(30),
  /** Months from assignment to the reply due date; at most 6 (with a reported reason). */
  replyMonths: z.number().int().min(1).max(6),
  /** Days co-signers have to confirm a joint proposal. */
  cosignDays: z.number().int().min(1).max(30),
  /** Whether the office reviews replies before the proposers see them. */
  officeReview: z.boolean(),
  /** The proposal office department; null: the department named 专委会工作四室 or containing 提案. */
  officeDepartmentId: z.string().nullable(),
});
export type ProposalSettings = z.infer<typeof proposalSettingsSchema>;

export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettings = {
  objectionDays: 5,
  replyMonths: 3,
  cosignDays: 5,
  officeReview: false,
  officeDepartmentId: null,
};

export const SETTINGS_KEY = 'proposals.settings';

export const getProposalSettings = (db: Executor) => getSetting(db, SETTINGS_KEY, proposalSettingsSchema, DEFAULT_PROPOSAL_SETTINGS);
