import type { ContactMessage, ContactReport } from '@mutirao/shared';
import type { MessageWithPeople, listReports } from './contact.repo';

const person = (ref: { id: string; name: string } | null) => (ref ? { id: ref.id, name: ref.name } : null);

export function toContactMessage(row: MessageWithPeople, viewerId: string): ContactMessage {
  const { message } = row;
  return {
    id: message.id,
    subject: message.subject,
    body: message.body,
    sender: person(row.sender),
    recipient: person(row.recipient),
    createdAt: message.createdAt.toISOString(),
    replyBody: message.replyBody,
    repliedAt: message.repliedAt?.toISOString() ?? null,
    reported: row.reportId !== null,
    viewer: message.recipientId === viewerId ? 'recipient' : 'sender'
  };
}

type ReportRow = Awaited<ReturnType<typeof listReports>>['items'][number];

export function toContactReport(row: ReportRow): ContactReport {
  return {
    id: row.report.id,
    reason: row.report.reason,
    createdAt: row.report.createdAt.toISOString(),
    message: {
      id: row.message.id,
      subject: row.message.subject,
      body: row.message.body,
      createdAt: row.message.createdAt.toISOString(),
      sender: person(row.sender),
      recipient: person(row.recipient)
    }
  };
}
