import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Person {
  name: string;
  email: string;
  locale: Locale;
}

const messageTemplates: Record<Locale, (v: { to: string; from: string; subject: string; body: string; link: string }) => { subject: string; text: string }> = {
  es: (v) => ({
    subject: `${v.from} te escribió en Mutirão: ${v.subject}`,
    text:
      `Hola, ${v.to}:\n\n${v.from} te envió este mensaje a través de Mutirão:\n\n«${v.subject}»\n\n${v.body}\n\n` +
      `Mutirão no comparte tu correo. Para responder, abre este enlace; al responder, ${v.from} recibirá tu correo para seguir la conversación:\n\n${v.link}\n\n` +
      `Si el mensaje es abusivo, denúncialo en la misma página. Puedes dejar de recibir mensajes en la configuración de tu cuenta.`
  }),
  pt: (v) => ({
    subject: `${v.from} escreveu para você no Mutirão: ${v.subject}`,
    text:
      `Olá, ${v.to}!\n\n${v.from} enviou esta mensagem pelo Mutirão:\n\n“${v.subject}”\n\n${v.body}\n\n` +
      `O Mutirão não compartilha seu e-mail. Para responder, abra este link; ao responder, ${v.from} receberá seu e-mail para continuar a conversa:\n\n${v.link}\n\n` +
      `Se a mensagem for abusiva, denuncie na mesma página. Você pode deixar de receber mensagens nas configurações da sua conta.`
  }),
  en: (v) => ({
    subject: `${v.from} wrote to you on Mutirão: ${v.subject}`,
    text:
      `Hello ${v.to},\n\n${v.from} sent you this message through Mutirão:\n\n“${v.subject}”\n\n${v.body}\n\n` +
      `Mutirão does not share your email. To answer, open this link; when you answer, ${v.from} receives your email to carry on the conversation:\n\n${v.link}\n\n` +
      `If the message is abusive, report it on the same page. You can stop receiving messages in your account settings.`
  })
};

const replyTemplates: Record<Locale, (v: { to: string; from: string; fromEmail: string; subject: string; body: string }) => { subject: string; text: string }> = {
  es: (v) => ({
    subject: `${v.from} respondió tu mensaje: ${v.subject}`,
    text: `Hola, ${v.to}:\n\n${v.from} respondió tu mensaje «${v.subject}» en Mutirão:\n\n${v.body}\n\nPara seguir la conversación, responde a este correo o escribe a ${v.fromEmail}.`
  }),
  pt: (v) => ({
    subject: `${v.from} respondeu sua mensagem: ${v.subject}`,
    text: `Olá, ${v.to}!\n\n${v.from} respondeu sua mensagem “${v.subject}” no Mutirão:\n\n${v.body}\n\nPara continuar a conversa, responda a este e-mail ou escreva para ${v.fromEmail}.`
  }),
  en: (v) => ({
    subject: `${v.from} answered your message: ${v.subject}`,
    text: `Hello ${v.to},\n\n${v.from} answered your message “${v.subject}” on Mutirão:\n\n${v.body}\n\nTo carry on the conversation, answer this email or write to ${v.fromEmail}.`
  })
};

/** The message, to its recipient: the sender's name, never the sender's address. */
export function contactMessageMail(recipient: Person, senderName: string, message: { subject: string; body: string }, link: string): OutgoingMail {
  const { subject, text } = messageTemplates[recipient.locale]({ to: recipient.name, from: senderName, ...message, link });
  return { to: recipient.email, subject, text, kind: 'contact.message' };
}

/** The recipient's answer, to the sender: now, by the recipient's choice, with their address. */
export function contactReplyMail(sender: Person, replier: Person, message: { subject: string; body: string }): OutgoingMail {
  const { subject, text } = replyTemplates[sender.locale]({ to: sender.name, from: replier.name, fromEmail: replier.email, subject: message.subject, body: message.body });
  return { to: sender.email, subject, text, replyTo: replier.email, kind: 'contact.reply' };
}
