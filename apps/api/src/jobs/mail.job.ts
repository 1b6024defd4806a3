import type { Tx } from '@mutirao/db';
import type { Mailer, OutgoingMail } from '../infra/mail';
import { defineJobKind } from './job-kind';
import type { JobQueue, JobRunner } from './runner';

/**
 * One message to send. Services enqueue it in the transaction that makes the
 * change, so a mail exists exactly when the change does, and a slow or broken
 * mail server never slows or fails a request.
 */
export const MAIL_SEND = defineJobKind<OutgoingMail>('mail.send', {
  // The subject and the address, never the text: it may hold a single-use link.
  describe: (mail) => `${mail.kind ?? 'mail'} → ${mail.to}`,
  // nodemailer gives up on an unanswering SMTP server after about two minutes.
  expireInSeconds: 180
});

export function queueMail(hub: { jobs: JobQueue }, tx: Tx, mail: OutgoingMail): Promise<void> {
  return hub.jobs.enqueue(tx, MAIL_SEND, mail);
}

export function handleMail(jobs: JobRunner, mailer: Mailer): void {
  jobs.handle(MAIL_SEND, (mail) => mailer.send(mail));
}
