import type { ModuleDef } from '../module.js';
import { proposalRoutes } from './proposals.routes.js';
import { registerProposalJobs } from './proposals.jobs.js';
import { PROPOSAL_SEARCH } from './proposals.tables.js';

export const proposalsModule: ModuleDef = {
  name: 'proposals',
  routes: proposalRoutes,
  jobs: registerProposalJobs,
  searchIndexes: [PROPOSAL_SEARCH],
};
