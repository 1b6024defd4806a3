import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { badRequest, type FieldError } from '../http/errors';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL.
 * Postgres refuses NUL in text outright (the write would fail as a 500), and the
 * others have no business in a name, a search or a description: they hide text
 * in logs and terminals and confuse mail clients.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A UTF-16 surrogate without its pair: no UTF-8 text can contain one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const badText = (text: string) => CONTROL.test(text) || LONE_SURROGATE.test(text);
/** Deeper than any request schema the hub has; a body nested beyond it is refused as a whole. */
const MAX_DEPTH = 32;

/**
 * Checks one decoded request part (query, params or body) and returns the failing
 * fields: text with control characters or lone surrogates (which no UTF-8 client
 * sends, and which Postgres would store as replacement characters), and numbers that
 * are not finite or beyond what a double counts exactly (`1e309` and `Infinity`
 * parse, and Ajv's integer check lets them through).
 */
export function inputProblems(value: unknown, path: string, depth = 0, found: FieldError[] = []): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (CONTROL.test(value)) found.push({ field: path, code: 'control_character', message: 'contains a control character' });
    else if (LONE_SURROGATE.test(value)) found.push({ field: path, code: 'invalid_text', message: 'is not valid Unicode text' });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      found.push({ field: path, code: 'out_of_range', message: 'is not a number the hub accepts' });
    }
  } else if (value !== null && typeof value === 'object') {
    if (depth >= MAX_DEPTH) {
      found.push({ field: path, code: 'too_deep', message: 'is nested too deeply' });
      return found;
    }
    // Buffers (raw bodies) and streams are not decoded text: their routes check their bytes.
    if (Buffer.isBuffer(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return found;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, item] of entries) {
      const itemPath = `${path}.${key}`;
      if (badText(key)) {
        found.push({ field: path, code: 'invalid_field_name', message: 'has a field name with control characters' });
        continue;
      }
      inputProblems(item, itemPath, depth + 1, found);
    }
  }
  return found;
}

/**
 * One check for every route, after schema validation (so it sees numbers as Ajv
 * coerced them): bad text and non-finite numbers become 400 `validation_failed`
 * with the failing fields, before any handler or database sees them.
 */
export const inputGuardPlugin = fp(async (app) => {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const fields = [
      ...inputProblems(request.params, 'params'),
      ...inputProblems(request.query, 'querystring'),
      ...inputProblems(request.body, 'body')
    ];
    if (fields.length > 0) throw badRequest('validation_failed', 'Some fields are missing or invalid.', fields);
  });
});
