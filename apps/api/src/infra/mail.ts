import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /**
   * Where answers go, when not to the hub's own address: set only once the person
   * it names chose to share it (a contact message's recipient who replies).
   */
  replyTo?: string;
  /** What the message is for (verify, reset, …): for logs and tests, never sent. */
  kind?: string;
  /** Extra header fields (`List-Unsubscribe` on notification mail). */
  headers?: Record<string, string>;
}

export interface StoredMail extends OutgoingMail {
  id: string;
  from: string;
  sentAt: string;
}

export interface Mailer {
  readonly transport: 'smtp' | 'files';
  send(mail: OutgoingMail): Promise<void>;
  /** True when messages can be handed over now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise each message is a JSON file under .data/mail. */
export async function createMailer(config: Config['mail']): Promise<Mailer> {
  if (config.smtpUrl) {
    const nodemailer = await import('nodemailer');
    const transporter = nodemailer.createTransport(config.smtpUrl);
    return {
      transport: 'smtp',
      async send(mail) {
        await transporter.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.replyTo && { replyTo: mail.replyTo }), ...(mail.headers && { headers: mail.headers }) });
      },
      async ping() {
        return transporter.verify().then(
          () => true,
          () => false
        );
      },
      async close() {
        transporter.close();
      }
    };
  }
  await mkdir(config.dir, { recursive: true });
  let sequence = 0;
  return {
    transport: 'files',
    async send(mail) {
      const sentAt = new Date();
      // The sequence keeps messages sent within one millisecond in order (newest first in listings).
      const id = `${sentAt.getTime()}-${String(sequence++).padStart(8, '0')}-${Math.random().toString(36).slice(2, 8)}`;
      const stored: StoredMail = { id, from: config.from, sentAt: sentAt.toISOString(), ...mail };
      await writeFile(join(config.dir, `${id}.json`), JSON.stringify(stored, null, 2));
    },
    async ping() {
      await mkdir(config.dir, { recursive: true });
      return true;
    },
    async close() {}
  };
}

/** Messages saved by the file transport, newest first. */
export async function listStoredMail(dir: string): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const mails = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as StoredMail)
  );
  return mails.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id.localeCompare(a.id));
}
