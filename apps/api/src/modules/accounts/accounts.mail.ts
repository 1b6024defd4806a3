import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

type Template = (vars: { name: string; link: string }) => { subject: string; text: string };

const templates: Record<'verify' | 'reset' | 'alreadyRegistered', Record<Locale, Template>> = {
  verify: {
    es: ({ name, link }) => ({
      subject: 'Confirma tu correo en Mutirão',
      text: `Hola, ${name}:\n\nPara activar tu cuenta en Mutirão, abre este enlace (vale 48 horas):\n\n${link}\n\nSi no creaste una cuenta, ignora este mensaje.`
    }),
    pt: ({ name, link }) => ({
      subject: 'Confirme seu e-mail no Mutirão',
      text: `Olá, ${name}!\n\nPara ativar sua conta no Mutirão, abra este link (válido por 48 horas):\n\n${link}\n\nSe você não criou uma conta, ignore esta mensagem.`
    }),
    en: ({ name, link }) => ({
      subject: 'Confirm your email for Mutirão',
      text: `Hello ${name},\n\nTo activate your Mutirão account, open this link (valid for 48 hours):\n\n${link}\n\nIf you did not sign up, ignore this message.`
    })
  },
  reset: {
    es: ({ name, link }) => ({
      subject: 'Restablece tu contraseña de Mutirão',
      text: `Hola, ${name}:\n\nPara elegir una nueva contraseña, abre este enlace (vale 1 hora):\n\n${link}\n\nSi no lo pediste, ignora este mensaje: tu contraseña no cambia.`
    }),
    pt: ({ name, link }) => ({
      subject: 'Redefina sua senha do Mutirão',
      text: `Olá, ${name}!\n\nPara escolher uma nova senha, abra este link (válido por 1 hora):\n\n${link}\n\nSe você não pediu, ignore esta mensagem: sua senha não muda.`
    }),
    en: ({ name, link }) => ({
      subject: 'Reset your Mutirão password',
      text: `Hello ${name},\n\nTo choose a new password, open this link (valid for 1 hour):\n\n${link}\n\nIf you did not ask for this, ignore this message: your password stays the same.`
    })
  },
  alreadyRegistered: {
    es: ({ name, link }) => ({
      subject: 'Ya tienes una cuenta en Mutirão',
      text: `Hola, ${name}:\n\nAlguien intentó crear una cuenta con este correo, que ya está registrado. Si fuiste tú, inicia sesión; si olvidaste la contraseña, restablécela aquí:\n\n${link}`
    }),
    pt: ({ name, link }) => ({
      subject: 'Você já tem uma conta no Mutirão',
      text: `Olá, ${name}!\n\nAlguém tentou criar uma conta com este e-mail, que já está cadastrado. Se foi você, entre; se esqueceu a senha, redefina aqui:\n\n${link}`
    }),
    en: ({ name, link }) => ({
      subject: 'You already have a Mutirão account',
      text: `Hello ${name},\n\nSomeone tried to sign up with this email, which is already registered. If it was you, sign in; if you forgot your password, reset it here:\n\n${link}`
    })
  }
};

export function accountMail(
  kind: keyof typeof templates,
  to: { email: string; name: string; locale: Locale },
  link: string
): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({ name: to.name, link });
  return { to: to.email, subject, text, kind };
}
