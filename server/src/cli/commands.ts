import type { CliCommand } from './command.js';
import { demoCommand } from '../modules/org/demo/demo.command.js';

/** Commands contributed by feature modules. */
export const moduleCommands: CliCommand[] = [demoCommand];
