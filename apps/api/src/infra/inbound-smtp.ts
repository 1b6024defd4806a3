import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { stripReplyText } from './reply-text';

/** A message that reached one of the hub's addresses, reduced to what a handler needs. */
export interface InboundMessage {
  /**
   * What makes a delivery the same message again: its Message-ID, or, when it has
   * none (or an absurd one), the SHA-256 of the raw message.
   */
  messageKey: string;
  /** The address in the From header, lower-cased ('' when absent). */
  from: string;
  /** Envelope recipients this listener accepted at RCPT TO. */
  recipients: string[];
  subject: string;
  /** The plain text part, or the HTML part turned into text, with quotes and signature removed. */
  text: string;
}

/** What a domain gives the listener: which recipients exist, and where an accepted message goes. */
export interface InboundMailHandler {
  /** false: the address is refused with 550 at RCPT TO. A throw answers 451 (try later). */
  acceptsRecipient(address: string): Promise<boolean>;
  /**
   * Stores the message durably (a job, in one transaction) and returns; 250 goes
   * back only once it resolves. A throw answers 451, so the sending server retries.
   */
  deliver(message: InboundMessage): Promise<void>;
}

export interface InboundSmtpOptions {
  host: string;
  port: number;
  /** Larger messages are refused with 552 (announced in EHLO as SIZE). */
  maxBytes: number;
  /** The name the listener greets with. */
  name: string;
  handler: InboundMailHandler;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface InboundSmtp {
  /** The port it listens on (the one asked for, or the one the system gave for 0). */
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string
  ) {
    super(message);
  }
}

/**
 * Mail that a program sent on someone's behalf: out-of-office answers, mailing-list
 * copies, delivery reports. Posting those into a thread would be noise (RFC 3834).
 */
export function isAutomatic(mail: ParsedMail, envelopeFrom: string): boolean {
  if (envelopeFrom === '') return true;
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value.toLowerCase().trim() : value === undefined ? undefined : String(value).toLowerCase();
  };
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true;
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) return true;
  const precedence = header('precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return true;
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return contentType?.value === 'multipart/report';
}

function messageKey(mail: ParsedMail, raw: Buffer): string {
  const id = mail.messageId?.trim();
  if (id && id.length <= 250) return id;
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/**
 * Reads the message to its end (the session must stay in step), keeping at most
 * `maxBytes`: an oversized message keeps flowing through the stream, and holding
 * it all would let one sender fill the process's memory.
 */
async function readAll(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of stream) {
    if (kept > maxBytes) continue;
    chunks.push(chunk as Buffer);
    kept += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks);
}

/**
 * The hub's inbound SMTP listener (smtp-server): it accepts mail only for
 * addresses the handler knows (RCPT TO), at most `maxBytes` a message, without
 * AUTH or STARTTLS (a relay in front terminates TLS, or the hub's MX talks plain
 * SMTP on a private network), parses what arrives (mailparser) and hands the
 * text on. Nothing here posts anything: the handler queues a job.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { handler, log } = options;
  const server = new SMTPServer({
    name: options.name,
    // ASCII: an SMTP greeting is not the place for UTF-8.
    banner: 'Mutirao replies',
    size: options.maxBytes,
    rejectOversized: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    // A reply goes to one reply address; a handful covers a person who replied to two mails at once.
    maxRecipients: 10,
    // Each session may hold up to maxBytes in memory while its message is parsed.
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      handler.acceptsRecipient(address.address).then(
        (ok) => callback(ok ? null : new SmtpReply(550, 'No such recipient here')),
        (err: Error) => {
          log.warn({ err: err.message }, 'inbound mail: could not check a recipient');
          callback(new SmtpReply(451, 'Try again later'));
        }
      );
    },
    onData(stream, session, callback) {
      void (async () => {
        const raw = await readAll(stream, options.maxBytes);
        // rejectOversized answers 552 whatever this callback says.
        if (stream.sizeExceeded) return callback(new SmtpReply(552, 'Message too large'));
        let mail: ParsedMail;
        try {
          mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
        } catch {
          return callback(new SmtpReply(554, 'Message could not be read'));
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        if (isAutomatic(mail, envelopeFrom)) {
          log.info({ session: session.id }, 'inbound mail: automatic message dropped');
          return callback(null, 'Accepted');
        }
        const message: InboundMessage = {
          messageKey: messageKey(mail, raw),
          from: (mail.from?.value[0]?.address ?? '').toLowerCase(),
          recipients: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: stripReplyText(mail.text ?? '')
        };
        try {
          await handler.deliver(message);
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'inbound mail: could not store a message');
          return callback(new SmtpReply(451, 'Try again later'));
        }
        callback(null, 'Accepted');
      })().catch((err: Error) => {
        log.warn({ err: err.message }, 'inbound mail: a message failed');
        callback(new SmtpReply(451, 'Try again later'));
      });
    }
  });
  server.on('error', (err) => log.warn({ err: err.message }, 'inbound mail: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ host: options.host, port }, 'inbound mail: listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
