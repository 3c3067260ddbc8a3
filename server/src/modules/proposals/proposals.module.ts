import type { ModuleDef } from '../module.js';
import { proposalRoutes } from './proposals.routes.js';
import { registerProposalJobs } from './proposals.jobs.js';

export const proposalsModule: ModuleDef = { name: 'proposals', routes: proposalRoutes, jobs: registerProposalJobs };
