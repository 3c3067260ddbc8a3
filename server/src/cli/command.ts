import type { Config } from '../config.js';

/** One subcommand of `xieshang`, for example `plan parse` or `demo`. */
export interface CliCommand {
  /** Words that select it: ['plan', 'parse']. */
  name: string[];
  summary: string;
  usage?: string;
  run(args: string[], config: Config): Promise<number>;
}
