import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Vars {
  name: string;
  actor: string;
  title: string;
  link: string;
}
type Kind = 'mention' | 'accepted';
type Template = (vars: Vars) => { subject: string; text: string };

const templates: Record<Kind, Record<Locale, Template>> = {
  mention: {
    es: ({ name, actor, title, link }) => ({
      subject: `${actor} te mencionó en «${title}»`,
      text: `Hola, ${name}:\n\n${actor} te mencionó en el debate «${title}» en Mutirão.\n\n${link}`
    }),
    pt: ({ name, actor, title, link }) => ({
      subject: `${actor} mencionou você em “${title}”`,
      text: `Olá, ${name}!\n\n${actor} mencionou você no debate “${title}” no Mutirão.\n\n${link}`
    }),
    en: ({ name, actor, title, link }) => ({
      subject: `${actor} mentioned you in “${title}”`,
      text: `Hello ${name},\n\n${actor} mentioned you in the discussion “${title}” on Mutirão.\n\n${link}`
    })
  },
  accepted: {
    es: ({ name, actor, title, link }) => ({
      subject: `Tu respuesta en «${title}» fue aceptada`,
      text: `Hola, ${name}:\n\n${actor} aceptó tu respuesta a la pregunta «${title}». ¡Gracias por compartir lo que sabes!\n\n${link}`
    }),
    pt: ({ name, actor, title, link }) => ({
      subject: `Sua resposta em “${title}” foi aceita`,
      text: `Olá, ${name}!\n\n${actor} aceitou sua resposta à pergunta “${title}”. Obrigado por compartilhar o que você sabe!\n\n${link}`
    }),
    en: ({ name, actor, title, link }) => ({
      subject: `Your answer to “${title}” was accepted`,
      text: `Hello ${name},\n\n${actor} accepted your answer to the question “${title}”. Thank you for sharing what you know!\n\n${link}`
    })
  }
};

/** A discussion mail in the recipient's language. */
export function discussionMail(kind: Kind, to: { email: string; name: string; locale: Locale }, vars: Omit<Vars, 'name'>): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({ ...vars, name: to.name });
  return { to: to.email, subject, text, kind: `discussion.${kind}` };
}
