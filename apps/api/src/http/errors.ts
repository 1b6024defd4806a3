import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemsOf, type ProblemCode } from '@mutirao/shared';
import { isMalformedBodyError } from './body-errors';
import { isDatabaseUnavailable } from './database-errors';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * An error a service raises on purpose: it becomes a problem+json response with
 * a stable `code`. Anything else thrown is a 500 whose detail reveals nothing.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457 §3.2), declared in ProblemSchema. */
    readonly extensions?: Record<string, unknown>
  ) {
    super(detail);
  }
}

export const badRequest = (code: ProblemCode, detail: string, fields?: FieldError[]) =>
  new AppError(400, code, detail, fields);
export const unauthorized = (detail = 'Sign in to do this.') => new AppError(401, 'unauthenticated', detail);
export const forbidden = (detail = 'You are not allowed to do this.') => new AppError(403, 'forbidden', detail);
export const notFound = (detail = 'Not found.') => new AppError(404, 'not_found', detail);
export const conflict = (code: ProblemCode, detail: string, fields?: FieldError[]) =>
  new AppError(409, code, detail, fields);

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ProblemCode,
  detail: string,
  fields?: FieldError[],
  extensions?: Record<string, unknown>
): FastifyReply {
  const body: Record<string, unknown> = {
    ...extensions,
    type: `about:blank#${code}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail
  };
  if (fields && fields.length > 0) body.fields = fields;
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv's validation output into the failing fields, named by path (`body.email`). */
export function fieldsFromValidation(issues: AjvIssue[], context: string | undefined): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  // A failing `anyOf` (a nullable field: string or null) reports each branch too; the
  // person needs one message per field, so such a field keeps only its first issue.
  const alternatives = new Set(issues.filter((issue) => issue.keyword === 'anyOf').map((issue) => issue.instancePath ?? ''));
  const reported = new Set<string>();
  for (const issue of issues) {
    const path = issue.instancePath ?? '';
    if (alternatives.has(path) && issue.keyword !== 'required' && issue.keyword !== 'additionalProperties') {
      if (issue.keyword === 'anyOf' || reported.has(path)) continue;
      reported.add(path);
    }
    const segments = (issue.instancePath ?? '').split('/').filter(Boolean);
    if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') {
      segments.push(issue.params.missingProperty);
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') {
      segments.push(issue.params.additionalProperty);
    }
    const field = [context ?? 'body', ...segments].join('.');
    const code = issue.keyword === 'additionalProperties' ? 'unknown_field' : (issue.keyword ?? 'invalid');
    const key = `${field}:${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push({
      field,
      code,
      message: issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is invalid')
    });
  }
  return fields;
}

export interface ErrorHandlingOptions {
  /**
   * Answer 500 when a route raises a problem code its contract does not declare
   * (tests turn this on, so the OpenAPI document cannot promise less than the API does).
   */
  strictContract?: boolean;
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const contract = request.routeOptions.config?.contract;
    if (options.strictContract && contract && error instanceof AppError && !problemsOf(contract).includes(error.code)) {
      request.log.error({ code: error.code, operationId: contract.operationId }, 'problem code not declared in the contract');
      return sendProblem(reply, 500, 'internal_error', `Undeclared problem code ${error.code} from ${contract.operationId}.`);
    }
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, error.status, error.code, error.detail, error.fields, error.extensions);
    }
    if (error.validation) {
      const fields = fieldsFromValidation(error.validation as AjvIssue[], error.validationContext);
      return sendProblem(reply, 400, 'validation_failed', 'Some fields are missing or invalid.', fields);
    }
    if (!error.statusCode && isMalformedBodyError(error)) {
      return sendProblem(reply, 400, 'malformed_body', 'The request body could not be read.');
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(reply, 429, 'rate_limited', 'Too many attempts. Wait a minute and try again.');
    }
    if (status >= 400 && status < 500) {
      const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'payload_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
              error instanceof SyntaxError
            ? 'malformed_body'
            : 'bad_request';
      const detail = code === 'payload_too_large'
        ? 'The request body is too large.'
        : code === 'unsupported_media_type'
          ? 'This content type is not accepted here.'
          : code === 'malformed_body'
            ? 'The request body could not be read.'
            : 'The request could not be processed.';
      return sendProblem(reply, status, code, detail);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(reply.header('retry-after', '5'), 503, 'database_unavailable', 'The hub cannot reach its database right now. Try again in a moment.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'internal_error', 'Something went wrong on our side. Please try again.');
  });
}
