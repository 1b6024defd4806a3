import type { FastifyPluginAsync } from 'fastify';
import { contactContract } from '@mutirao/shared';
import type { Hub } from '../../hub';
import { route } from '../../http/route';
import * as contact from './contact.service';

const contract = contactContract.routes;

export const contactRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  route(app, contract.contactStatus, async (request) => contact.contactStatus(hub, request.actor, request.params.id));
  route(app, contract.sendContactMessage, async (request) => contact.sendMessage(hub, request.actor, request.params.id, request.body));
  route(app, contract.getContactMessage, async (request) => contact.getMessage(hub, request.actor, request.params.id));
  route(app, contract.replyToContactMessage, async (request) =>
    contact.replyToMessage(hub, request.actor, request.params.id, request.body.body)
  );
  route(app, contract.reportContactMessage, async (request) =>
    contact.reportMessage(hub, request.actor, request.params.id, request.body?.reason)
  );
  route(app, contract.getMyContactPreference, async (request) => contact.myPreference(hub, request.actor));
  route(app, contract.setMyContactPreference, async (request) => contact.setMyPreference(hub, request.actor, request.body.open));
  route(app, contract.listContactReports, async (request) => contact.listReports(hub, request.actor, request.query.page ?? 1));
};
