import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ProblemSchema } from '@mutirao/shared';
import type { WebSocket } from 'ws';
import type { Hub } from '../hub';
import { sendProblem } from '../http/errors';
import { hubAddresses, localPortOf } from '../http/hub-addresses';
import type { LiveConnection, LiveServerMessage } from '../infra/live';
import { TooManyRequestsError } from '../infra/live.hub';

const Topics = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 100 });

/** What a client may send; anything else closes the socket. */
export const LiveClientMessage = Type.Union([
  Type.Object(
    {
      type: Type.Literal('subscribe'),
      topics: Topics,
      /** The last cursor the client saw: events after it are sent first. */
      since: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))
    },
    { additionalProperties: false }
  ),
  Type.Object({ type: Type.Literal('unsubscribe'), topics: Topics }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false })
]);
export type LiveClientMessage = Static<typeof LiveClientMessage>;
const clientMessage = TypeCompiler.Compile(LiveClientMessage);

/** Close codes (RFC 6455): 1003 binary frames, 1008 a message we do not accept, 1011 our failure. */
const UNSUPPORTED_DATA = 1003;
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
const GOING_AWAY = 1001;

export interface LiveRoutesOptions {
  hub: Hub;
  /** How often the server pings; a socket that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
}

/**
 * GET /api/live: the websocket through which pages hear that something they
 * show has changed (ids only; they re-fetch through the API, which applies the
 * usual authorization). A plain GET gets 426.
 */
export const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, { hub, heartbeatMs = 30_000 }) => {
  const sockets = new Map<WebSocket, { alive: boolean; connection: LiveConnection }>();
  const addresses = hubAddresses(hub.config);

  const heartbeat = setInterval(() => {
    for (const [socket, state] of sockets) {
      if (!state.alive) {
        socket.terminate();
        continue;
      }
      state.alive = false;
      socket.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  // @fastify/websocket closes its clients first (without a code); this catches any it did not.
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    for (const socket of sockets.keys()) socket.close(GOING_AWAY, 'server shutting down');
  });

  app.route({
    method: 'GET',
    url: '/live',
    schema: {
      tags: ['hub'],
      summary: 'WebSocket for live updates (subscribe to topics, receive change events)',
      response: { 403: ProblemSchema, 426: ProblemSchema }
    },
    // Browsers send the session cookie with a websocket handshake from any site,
    // so a handshake from another origin is refused (cross-site websocket hijacking).
    preHandler: async (request, reply) => {
      const origin = request.headers.origin;
      if (!origin || addresses.isOwnOrigin(origin, localPortOf(request))) return;
      return sendProblem(reply, 403, 'cross_origin_refused', 'This connection did not come from the hub.');
    },
    handler: async (_request, reply) =>
      sendProblem(reply, 426, 'upgrade_required', 'Connect to this address with a WebSocket.').header('upgrade', 'websocket'),
    wsHandler: (socket, request) => {
      const send = (message: LiveServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };
      const connection = hub.live.connect(request.actor, send, {
        sessionId: request.sessionId,
        end: (code, reason) => socket.close(code, reason)
      });
      const state = { alive: true, connection };
      sockets.set(socket, state);

      const refuse = (code: number, reason: string) => {
        connection.close();
        socket.close(code, reason);
      };

      socket.on('pong', () => {
        state.alive = true;
      });
      socket.on('close', () => {
        sockets.delete(socket);
        connection.close();
      });
      socket.on('message', (data, isBinary) => {
        state.alive = true;
        if (isBinary) return refuse(UNSUPPORTED_DATA, 'text frames only');
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return refuse(POLICY_VIOLATION, 'invalid JSON');
        }
        if (!clientMessage.Check(message)) return refuse(POLICY_VIOLATION, 'invalid message');
        switch (message.type) {
          case 'ping':
            return send({ type: 'pong' });
          case 'subscribe':
            return void connection.subscribe(message.topics, message.since).catch((err: Error) => {
              if (err instanceof TooManyRequestsError) return refuse(POLICY_VIOLATION, 'too many requests');
              request.log.error({ err }, 'live: subscribe failed');
              refuse(INTERNAL_ERROR, 'subscribe failed');
            });
          case 'unsubscribe':
            return void connection.unsubscribe(message.topics).catch(() => refuse(POLICY_VIOLATION, 'too many requests'));
        }
      });
    }
  });
};
