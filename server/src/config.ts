import os from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  logLevel: string;
  /** Where the built web app lives; served at / when present. */
  webDist: string;
  smtpUrl?: string;
  mailFrom: string;
  trustProxy: boolean;
  /** Cookies get the Secure flag; off only for plain-HTTP local use. */
  secureCookies: boolean;
  /** Server processes sharing the port and the database (node:cluster); 1 runs the server in this process. */
  workers: number;
}

const root = path.resolve(import.meta.dirname, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    // npm runs workspace scripts inside server/; INIT_CWD is where the user typed the command.
    dataDir: env.DATA_DIR ? path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : path.join(root, 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.XIESHANG_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.WEB_DIST ?? path.join(root, 'web/dist')),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'xieshang@localhost',
    trustProxy: env.TRUST_PROXY === 'true',
    secureCookies: env.SECURE_COOKIES === 'true',
    workers: env.WORKERS === 'auto' ? os.availableParallelism() : Math.max(1, Math.floor(Number(env.WORKERS ?? 1)) || 1),
  };
}
