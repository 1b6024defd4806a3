import type { Locale } from '@mutirao/shared';
import type { OutgoingMail } from '../../infra/mail';

interface Vars {
  name: string;
  organisation: string;
  link: string;
  reason?: string;
  inviter?: string;
  applicant?: string;
}
type Template = (vars: Vars) => { subject: string; text: string };
type Kind = 'applied' | 'approved' | 'rejected' | 'invitation' | 'joinApproved' | 'joinDeclined';

const templates: Record<Kind, Record<Locale, Template>> = {
  applied: {
    es: ({ name, organisation, applicant, link }) => ({
      subject: `Nueva solicitud de registro: ${organisation}`,
      text: `Hola, ${name}:\n\n${applicant} envió la solicitud de registro de ${organisation}. Espera la revisión del equipo de coordinación.\n\n${link}\n\nPuedes dejar de recibir estos correos en tu cuenta, en «Notificaciones».`
    }),
    pt: ({ name, organisation, applicant, link }) => ({
      subject: `Nova solicitação de cadastro: ${organisation}`,
      text: `Olá, ${name}!\n\n${applicant} enviou a solicitação de cadastro de ${organisation}. Ela aguarda a análise da equipe de coordenação.\n\n${link}\n\nVocê pode deixar de receber estes e-mails na sua conta, em “Notificações”.`
    }),
    en: ({ name, organisation, applicant, link }) => ({
      subject: `New application: ${organisation}`,
      text: `Hello ${name},\n\n${applicant} sent the application of ${organisation}. It waits for the coordinators' review.\n\n${link}\n\nYou can stop these emails on your account page, under “Notifications”.`
    })
  },
  approved: {
    es: ({ name, organisation, link }) => ({
      subject: `${organisation} ya es miembro de Mutirão`,
      text: `Hola, ${name}:\n\nAprobamos la solicitud de ${organisation}. Ya aparece en el directorio y tú eres su administrador: puedes completar el perfil e invitar a tu equipo.\n\n${link}`
    }),
    pt: ({ name, organisation, link }) => ({
      subject: `${organisation} agora é membro do Mutirão`,
      text: `Olá, ${name}!\n\nAprovamos a solicitação de ${organisation}. Ela já aparece no diretório e você é o administrador: pode completar o perfil e convidar sua equipe.\n\n${link}`
    }),
    en: ({ name, organisation, link }) => ({
      subject: `${organisation} is now a member of Mutirão`,
      text: `Hello ${name},\n\nWe approved the application of ${organisation}. It now appears in the directory and you are its admin: you can complete the profile and invite your team.\n\n${link}`
    })
  },
  rejected: {
    es: ({ name, organisation, reason, link }) => ({
      subject: `Tu solicitud para ${organisation} no fue aprobada`,
      text: `Hola, ${name}:\n\nRevisamos la solicitud de ${organisation} y no pudimos aprobarla. Motivo:\n\n${reason}\n\nPuedes ver tus solicitudes aquí:\n\n${link}`
    }),
    pt: ({ name, organisation, reason, link }) => ({
      subject: `Sua solicitação para ${organisation} não foi aprovada`,
      text: `Olá, ${name}!\n\nAnalisamos a solicitação de ${organisation} e não pudemos aprová-la. Motivo:\n\n${reason}\n\nVeja suas solicitações aqui:\n\n${link}`
    }),
    en: ({ name, organisation, reason, link }) => ({
      subject: `Your application for ${organisation} was not approved`,
      text: `Hello ${name},\n\nWe reviewed the application of ${organisation} and could not approve it. Reason:\n\n${reason}\n\nSee your applications here:\n\n${link}`
    })
  },
  invitation: {
    es: ({ organisation, inviter, link }) => ({
      subject: `Te invitan a unirte a ${organisation} en Mutirão`,
      text: `Hola:\n\n${inviter} te invita a unirte a ${organisation} en Mutirão, el espacio de quienes trabajan por la vivienda en América Latina y el Caribe.\n\nAbre este enlace para aceptar (vale 7 días y funciona una sola vez). Si aún no tienes cuenta, podrás crearla desde ahí:\n\n${link}`
    }),
    pt: ({ organisation, inviter, link }) => ({
      subject: `Você foi convidado para ${organisation} no Mutirão`,
      text: `Olá!\n\n${inviter} convida você para fazer parte de ${organisation} no Mutirão, o espaço de quem trabalha por moradia na América Latina e no Caribe.\n\nAbra este link para aceitar (válido por 7 dias, funciona uma única vez). Se ainda não tem conta, poderá criá-la a partir dele:\n\n${link}`
    }),
    en: ({ organisation, inviter, link }) => ({
      subject: `You are invited to join ${organisation} on Mutirão`,
      text: `Hello,\n\n${inviter} invites you to join ${organisation} on Mutirão, the hub for housing practitioners in Latin America and the Caribbean.\n\nOpen this link to accept (valid for 7 days, works once). If you have no account yet, you can create one from there:\n\n${link}`
    })
  },
  joinApproved: {
    es: ({ name, organisation, link }) => ({
      subject: `Ya formas parte de ${organisation}`,
      text: `Hola, ${name}:\n\nLos administradores de ${organisation} aceptaron tu solicitud.\n\n${link}`
    }),
    pt: ({ name, organisation, link }) => ({
      subject: `Agora você faz parte de ${organisation}`,
      text: `Olá, ${name}!\n\nOs administradores de ${organisation} aceitaram sua solicitação.\n\n${link}`
    }),
    en: ({ name, organisation, link }) => ({
      subject: `You are now part of ${organisation}`,
      text: `Hello ${name},\n\nThe admins of ${organisation} accepted your request.\n\n${link}`
    })
  },
  joinDeclined: {
    es: ({ name, organisation, link }) => ({
      subject: `Tu solicitud para unirte a ${organisation}`,
      text: `Hola, ${name}:\n\nLos administradores de ${organisation} no aceptaron tu solicitud por ahora.\n\n${link}`
    }),
    pt: ({ name, organisation, link }) => ({
      subject: `Sua solicitação para entrar em ${organisation}`,
      text: `Olá, ${name}!\n\nOs administradores de ${organisation} não aceitaram sua solicitação por enquanto.\n\n${link}`
    }),
    en: ({ name, organisation, link }) => ({
      subject: `Your request to join ${organisation}`,
      text: `Hello ${name},\n\nThe admins of ${organisation} did not accept your request for now.\n\n${link}`
    })
  }
};

export function organisationMail(
  kind: Kind,
  to: { email: string; name: string; locale: Locale },
  vars: Omit<Vars, 'name'>
): OutgoingMail {
  const { subject, text } = templates[kind][to.locale]({ name: to.name, ...vars });
  return { to: to.email, subject, text, kind: `organisation.${kind}` };
}
