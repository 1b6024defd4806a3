import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteShorthandOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ProblemSchema,
  fastifyPath,
  problemInfo,
  problemsOf,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteSpec
} from '@mutirao/shared';

export type ContractRequest<R extends RouteSpec> = FastifyRequest<{
  Params: ParamsOf<R>;
  Querystring: QueryOf<R>;
  Body: BodyOf<R>;
}>;

/**
 * A handler returns the body of the route's success response (sent with that status),
 * or the reply itself when it sends something else (a file, a status it chose).
 */
export type ContractHandler<R extends RouteSpec> = (
  request: ContractRequest<R>,
  reply: FastifyReply
) => Promise<ResponseOf<R> | FastifyReply>;

export interface ContractRouteOptions {
  /** Route config, such as `rateLimit`. */
  config?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract entry a route was registered from (problem codes, audience). */
    contract?: RouteSpec;
  }
}

/** The Fastify schema for one operation: its inputs and every status it may answer with. */
export function fastifySchemaOf(route: RouteSpec): FastifySchema {
  const response: Record<number, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    if (route.produces) continue; // a file: nothing to serialize
    response[Number(status)] = schema ?? Type.Null();
  }
  for (const code of problemsOf(route)) {
    const info = problemInfo(code);
    if (!info) throw new Error(`${route.operationId} names the problem code ${code}, which no contract declares`);
    response[info.status] = ProblemSchema;
  }
  return {
    ...(route.params && { params: route.params }),
    ...(route.query && { querystring: route.query }),
    ...(route.body && { body: route.body }),
    response
  };
}

/**
 * Registers one operation of the contract (packages/shared/src/contract) on Fastify:
 * path, method, validation and serialization all come from the contract entry, so
 * the server, the OpenAPI document and the web's client cannot drift apart.
 */
export function route<R extends RouteSpec>(
  app: FastifyInstance,
  spec: R,
  handler: ContractHandler<R>,
  options: ContractRouteOptions = {}
): void {
  const successStatuses = Object.keys(spec.responses).map(Number).filter((status) => status < 300);
  const defaultStatus = successStatuses[0] ?? 200;
  const routeOptions: RouteShorthandOptions = {
    schema: fastifySchemaOf(spec),
    config: { ...options.config, contract: spec }
  };
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    ...routeOptions,
    // A bodiless request to a route whose body is optional validates as an empty object.
    ...(spec.bodyOptional && {
      preValidation: async (request: FastifyRequest) => {
        if (request.body === undefined || request.body === null) request.body = {};
      }
    }),
    handler: async (request, reply) => {
      const result = await handler(request as unknown as ContractRequest<R>, reply);
      if (result === reply) return reply;
      reply.code(defaultStatus);
      return defaultStatus === 204 ? reply.send() : result;
    }
  });
}
