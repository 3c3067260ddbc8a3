import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface Mailer {
  readonly enabled: boolean;
  send(to: string, subject: string, text: string): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise mail is not sent (in-app notifications still are). */
export function createMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  if (!smtpUrl) return { enabled: false, send: async () => undefined };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
      log.info({ to, subject }, 'mail sent');
    },
  };
}
