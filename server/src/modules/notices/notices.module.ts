import type { ModuleDef } from '../module.js';
import { noticeRoutes } from './notices.routes.js';

export const noticesModule: ModuleDef = { name: 'notices', routes: noticeRoutes };
