import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Vars {
  name: string;
  title: string;
  link: string;
  /** The start, written for the reader in the venue's time. */
  when: string;
  reason?: string;
  minutes?: number;
}
type Template = (vars: Vars) => { subject: string; text: string };
type Kind = 'promoted' | 'cancelled' | 'reminder';

const hoursOrMinutes = (minutes: number, locale: Locale) => {
  const unit = minutes % 60 === 0 ? 'hour' : 'minute';
  const value = unit === 'hour' ? minutes / 60 : minutes;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
};

const templates: Record<Kind, Record<Locale, Template>> = {
  promoted: {
    es: ({ name, title, when, link }) => ({
      subject: `Tienes un lugar en «${title}»`,
      text: `Hola, ${name}:\n\nSe liberó un lugar y ahora tu inscripción en «${title}» está confirmada.\n\nCuándo: ${when}\n\n${link}`
    }),
    pt: ({ name, title, when, link }) => ({
      subject: `Você tem uma vaga em “${title}”`,
      text: `Olá, ${name}!\n\nUma vaga foi liberada e agora sua inscrição em “${title}” está confirmada.\n\nQuando: ${when}\n\n${link}`
    }),
    en: ({ name, title, when, link }) => ({
      subject: `You have a seat at “${title}”`,
      text: `Hello ${name},\n\nA seat became free and your registration for “${title}” is now confirmed.\n\nWhen: ${when}\n\n${link}`
    })
  },
  cancelled: {
    es: ({ name, title, reason, link }) => ({
      subject: `Se canceló «${title}»`,
      text: `Hola, ${name}:\n\nEl evento «${title}» fue cancelado.${reason ? `\n\nMotivo: ${reason}` : ''}\n\n${link}`
    }),
    pt: ({ name, title, reason, link }) => ({
      subject: `“${title}” foi cancelado`,
      text: `Olá, ${name}!\n\nO evento “${title}” foi cancelado.${reason ? `\n\nMotivo: ${reason}` : ''}\n\n${link}`
    }),
    en: ({ name, title, reason, link }) => ({
      subject: `“${title}” was cancelled`,
      text: `Hello ${name},\n\nThe event “${title}” was cancelled.${reason ? `\n\nReason: ${reason}` : ''}\n\n${link}`
    })
  },
  reminder: {
    es: ({ name, title, when, link, minutes }) => ({
      subject: `Recordatorio: «${title}» empieza en ${hoursOrMinutes(minutes ?? 60, 'es')}`,
      text: `Hola, ${name}:\n\nTe esperamos en «${title}».\n\nCuándo: ${when}\n\n${link}`
    }),
    pt: ({ name, title, when, link, minutes }) => ({
      subject: `Lembrete: “${title}” começa em ${hoursOrMinutes(minutes ?? 60, 'pt')}`,
      text: `Olá, ${name}!\n\nEsperamos você em “${title}”.\n\nQuando: ${when}\n\n${link}`
    }),
    en: ({ name, title, when, link, minutes }) => ({
      subject: `Reminder: “${title}” starts in ${hoursOrMinutes(minutes ?? 60, 'en')}`,
      text: `Hello ${name},\n\nWe look forward to seeing you at “${title}”.\n\nWhen: ${when}\n\n${link}`
    })
  }
};

/** The event's start in the venue's zone, in the reader's language, with the zone named. */
export function whenText(startsAt: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(startsAt);
}

export function eventMail(kind: Kind, to: { email: string; locale: Locale }, vars: Vars): OutgoingMail {
  const { subject, text } = templates[kind][to.locale](vars);
  return { to: to.email, subject, text, kind: `event.${kind}` };
}
