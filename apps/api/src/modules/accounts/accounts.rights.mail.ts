import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

type Template = (vars: { name: string; link: string }) => { subject: string; text: string };

const templates: Record<'confirmNewEmail' | 'emailChangeRequested' | 'emailChanged', Record<Locale, Template>> = {
  confirmNewEmail: {
    es: ({ name, link }) => ({
      subject: 'Confirma tu nuevo correo en Mutirão',
      text: `Hola, ${name}:\n\nPediste usar este correo para tu cuenta de Mutirão. Para confirmarlo, abre este enlace (vale 48 horas):\n\n${link}\n\nHasta entonces, tu cuenta sigue con el correo anterior. Si no lo pediste, ignora este mensaje.`
    }),
    pt: ({ name, link }) => ({
      subject: 'Confirme seu novo e-mail no Mutirão',
      text: `Olá, ${name}!\n\nVocê pediu para usar este e-mail na sua conta do Mutirão. Para confirmar, abra este link (válido por 48 horas):\n\n${link}\n\nAté lá, sua conta continua com o e-mail anterior. Se você não pediu, ignore esta mensagem.`
    }),
    en: ({ name, link }) => ({
      subject: 'Confirm your new email for Mutirão',
      text: `Hello ${name},\n\nYou asked to use this email for your Mutirão account. To confirm, open this link (valid for 48 hours):\n\n${link}\n\nUntil then your account keeps its previous email. If you did not ask for this, ignore this message.`
    })
  },
  emailChangeRequested: {
    es: ({ name, link }) => ({
      subject: 'Pidieron cambiar el correo de tu cuenta de Mutirão',
      text: `Hola, ${name}:\n\nAlguien con acceso a tu cuenta pidió cambiar su correo. El cambio solo ocurre si se confirma desde la nueva dirección.\n\nSi no fuiste tú, cambia tu contraseña ahora:\n\n${link}`
    }),
    pt: ({ name, link }) => ({
      subject: 'Pediram para alterar o e-mail da sua conta do Mutirão',
      text: `Olá, ${name}!\n\nAlguém com acesso à sua conta pediu para alterar o e-mail dela. A alteração só acontece se for confirmada pelo novo endereço.\n\nSe não foi você, altere sua senha agora:\n\n${link}`
    }),
    en: ({ name, link }) => ({
      subject: 'A change of email was requested for your Mutirão account',
      text: `Hello ${name},\n\nSomeone with access to your account asked to change its email. The change happens only if it is confirmed from the new address.\n\nIf it was not you, change your password now:\n\n${link}`
    })
  },
  emailChanged: {
    es: ({ name, link }) => ({
      subject: 'El correo de tu cuenta de Mutirão cambió',
      text: `Hola, ${name}:\n\nTu cuenta de Mutirão ya no usa este correo: se confirmó una nueva dirección. Si no fuiste tú, escríbenos respondiendo a este mensaje o restablece tu contraseña:\n\n${link}`
    }),
    pt: ({ name, link }) => ({
      subject: 'O e-mail da sua conta do Mutirão foi alterado',
      text: `Olá, ${name}!\n\nSua conta do Mutirão não usa mais este e-mail: um novo endereço foi confirmado. Se não foi você, responda a esta mensagem ou redefina sua senha:\n\n${link}`
    }),
    en: ({ name, link }) => ({
      subject: 'The email of your Mutirão account changed',
      text: `Hello ${name},\n\nYour Mutirão account no longer uses this email: a new address was confirmed. If it was not you, answer this message or reset your password:\n\n${link}`
    })
  }
};

export function accountRightsMail(
  kind: keyof typeof templates,
  to: { email: string; name: string; locale: Locale },
  link: string
): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({ name: to.name, link });
  return { to: to.email, subject, text, kind };
}
