import type { CliCommand } from './command.js';

/** Commands contributed by feature modules. */
export const moduleCommands: CliCommand[] = [];
