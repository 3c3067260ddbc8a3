export * from './roles.js';
export * from './errors.js';
export * from './activities.js';
export * from './plan.js';
export * from './org.js';
export * from './proposals.js';
export * from './performance.js';
export * from './opinions.js';
