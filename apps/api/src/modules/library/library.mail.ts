import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Vars {
  name: string;
  title: string;
  reason: string;
  link: string;
}
export type DecisionMailKind = 'published' | 'changes_requested' | 'rejected';
type Template = (vars: Vars) => { subject: string; text: string };

const templates: Record<DecisionMailKind, Record<Locale, Template>> = {
  published: {
    es: ({ name, title, link }) => ({
      subject: `«${title}» ya está publicado en la biblioteca`,
      text: `Hola, ${name}:\n\nLa coordinación publicó tu recurso «${title}» en la biblioteca de Mutirão. ¡Gracias por compartirlo!\n\n${link}`
    }),
    pt: ({ name, title, link }) => ({
      subject: `“${title}” foi publicado na biblioteca`,
      text: `Olá, ${name}!\n\nA coordenação publicou seu recurso “${title}” na biblioteca do Mutirão. Obrigado por compartilhar!\n\n${link}`
    }),
    en: ({ name, title, link }) => ({
      subject: `“${title}” is now published in the library`,
      text: `Hello ${name},\n\nThe coordinators published your resource “${title}” in the Mutirão library. Thank you for sharing it!\n\n${link}`
    })
  },
  changes_requested: {
    es: ({ name, title, reason, link }) => ({
      subject: `Se piden cambios en «${title}»`,
      text: `Hola, ${name}:\n\nLa coordinación pide cambios en tu recurso «${title}» antes de publicarlo:\n\n${reason}\n\nPuedes editarlo y volver a enviarlo:\n${link}`
    }),
    pt: ({ name, title, reason, link }) => ({
      subject: `Alterações pedidas em “${title}”`,
      text: `Olá, ${name}!\n\nA coordenação pede alterações no seu recurso “${title}” antes de publicá-lo:\n\n${reason}\n\nVocê pode editá-lo e reenviá-lo:\n${link}`
    }),
    en: ({ name, title, reason, link }) => ({
      subject: `Changes requested on “${title}”`,
      text: `Hello ${name},\n\nThe coordinators ask for changes to your resource “${title}” before publishing it:\n\n${reason}\n\nYou can edit it and submit it again:\n${link}`
    })
  },
  rejected: {
    es: ({ name, title, reason, link }) => ({
      subject: `«${title}» no se publicará en la biblioteca`,
      text: `Hola, ${name}:\n\nLa coordinación decidió no publicar tu recurso «${title}»:\n\n${reason}\n\n${link}`
    }),
    pt: ({ name, title, reason, link }) => ({
      subject: `“${title}” não será publicado na biblioteca`,
      text: `Olá, ${name}!\n\nA coordenação decidiu não publicar seu recurso “${title}”:\n\n${reason}\n\n${link}`
    }),
    en: ({ name, title, reason, link }) => ({
      subject: `“${title}” will not be published in the library`,
      text: `Hello ${name},\n\nThe coordinators decided not to publish your resource “${title}”:\n\n${reason}\n\n${link}`
    })
  }
};

/** A review decision mail in the submitter's language. */
export function decisionMail(kind: DecisionMailKind, to: { email: string; name: string; locale: Locale }, vars: Omit<Vars, 'name'>): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({ ...vars, name: to.name });
  return { to: to.email, subject, text, kind: `resource.${kind}` };
}
