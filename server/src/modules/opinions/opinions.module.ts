import type { ModuleDef } from '../module.js';
import { opinionRoutes } from './opinions.routes.js';
import { OPINION_SEARCH } from './opinions.tables.js';

export const opinionsModule: ModuleDef = { name: 'opinions', routes: opinionRoutes, searchIndexes: [OPINION_SEARCH] };
