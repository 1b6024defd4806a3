import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Vars {
  name: string;
  reason: string;
  /** The end, already written in the person's language; null: until reinstated. */
  until: string | null;
  link: string;
}
type Template = (vars: Vars) => { subject: string; text: string };

const templates: Record<'suspended' | 'reinstated', Record<Locale, Template>> = {
  suspended: {
    es: ({ name, reason, until }) => ({
      subject: 'Tu cuenta de Mutirão fue suspendida',
      text: `Hola, ${name}:\n\nEl equipo de coordinación suspendió tu cuenta de Mutirão ${until ? `hasta el ${until}` : 'hasta nuevo aviso'}. Mientras tanto no puedes iniciar sesión. Lo que publicaste sigue visible.\n\nMotivo:\n${reason}\n\nSi crees que es un error, responde a este mensaje.`
    }),
    pt: ({ name, reason, until }) => ({
      subject: 'Sua conta do Mutirão foi suspensa',
      text: `Olá, ${name}!\n\nA equipe de coordenação suspendeu sua conta do Mutirão ${until ? `até ${until}` : 'até novo aviso'}. Enquanto isso, você não pode entrar. O que você publicou continua visível.\n\nMotivo:\n${reason}\n\nSe você acha que é um erro, responda a esta mensagem.`
    }),
    en: ({ name, reason, until }) => ({
      subject: 'Your Mutirão account has been suspended',
      text: `Hello ${name},\n\nThe coordinators suspended your Mutirão account ${until ? `until ${until}` : 'until further notice'}. Meanwhile you cannot sign in. What you published stays visible.\n\nReason:\n${reason}\n\nIf you think this is a mistake, answer this message.`
    })
  },
  reinstated: {
    es: ({ name, link }) => ({
      subject: 'Tu cuenta de Mutirão fue reactivada',
      text: `Hola, ${name}:\n\nEl equipo de coordinación reactivó tu cuenta de Mutirão. Ya puedes iniciar sesión:\n\n${link}`
    }),
    pt: ({ name, link }) => ({
      subject: 'Sua conta do Mutirão foi reativada',
      text: `Olá, ${name}!\n\nA equipe de coordenação reativou sua conta do Mutirão. Você já pode entrar:\n\n${link}`
    }),
    en: ({ name, link }) => ({
      subject: 'Your Mutirão account has been reinstated',
      text: `Hello ${name},\n\nThe coordinators reinstated your Mutirão account. You can sign in again:\n\n${link}`
    })
  }
};

const intlLocales: Record<Locale, string> = { es: 'es-419', pt: 'pt-BR', en: 'en-GB' };

/**
 * The end of a suspension in the person's language. The hub does not know their time
 * zone, so the mail says UTC ("30 de noviembre de 2026, 14:00 UTC").
 */
export function suspensionEndText(until: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(until) + ' UTC';
}

export function suspensionMail(
  kind: keyof typeof templates,
  to: { email: string; name: string; locale: Locale },
  vars: { reason: string; until: Date | null; link: string }
): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({
    name: to.name,
    reason: vars.reason,
    until: vars.until ? suspensionEndText(vars.until, to.locale) : null,
    link: vars.link
  });
  return { to: to.email, subject, text, kind: `account.${kind}` };
}
