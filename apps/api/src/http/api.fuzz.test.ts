import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORIGIN, createTestHub, type TestHub, type TestUser } from '../../../../tests/fixtures/harness';
import { createSession } from '../auth/sessions.service';
import { organisationFixtures, TINY_PNG } from '../modules/organisations/organisations.fixtures';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: invalid
 * parameters and bodies (wrong types, huge and non-finite numbers, control
 * characters, lone surrogates, invalid UTF-8 bytes, wrong or broken content
 * types), sent as a member, an admin or a visitor. No answer may be a 5xx.
 *
 * FUZZ_RUNS (requests per operation, default 40) and FUZZ_SEED make a run
 * longer or different; the default seed keeps CI deterministic.
 */
// eslint-disable-next-line no-restricted-properties -- test knobs, like the harness's DATABASE_URL
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
// eslint-disable-next-line no-restricted-properties -- as above
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_907);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

/** A number written into the JSON text as is: `1e309` parses to Infinity, which JSON.stringify cannot write. */
class RawNumber {
  constructor(readonly text: string) {}
}
/** Where this marker appears in a body, invalid UTF-8 bytes are spliced in. */
const BAD_UTF8 = '\uE000BAD\uE000';
const badUtf8Sequences = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

function toJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function spliceBadUtf8(text: string, pick: number): Buffer {
  const parts = text.split(BAD_UTF8);
  const bad = Buffer.from(badUtf8Sequences[pick % badUtf8Sequences.length]);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [bad, Buffer.from(part)])));
}

const hostileNumberTexts = ['1e309', '-1e309', '1e308', '-0', '1.5', '9007199254740993', '123456789012345678901234567890', '-1', '0', '2147483648'];
const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u001b[2J',
  '\u007f',
  '\u0008\u000b',
  ' ',
  '',
  BAD_UTF8,
  '1e309',
  'Infinity',
  '-Infinity',
  'NaN',
  '-1e309',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ção',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  'a'.repeat(5000)
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 24 }) }
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileNumberTexts).map((t) => new RawNumber(t)) },
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.double().map((d) => new RawNumber(Number.isFinite(d) ? String(d) : '1e400')) }
);

/** A value the schema accepts (so a request gets past validation, and one fault can then be planted in it). */
function validFor(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validFor(b, pools, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (depth > 4) return fc.constant({});
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, validFor(s, pools, depth + 1)])), {
        requiredKeys: (schema as { required?: string[] }).required ?? []
      });
    }
    case 'array': {
      const s = schema as { minItems?: number; maxItems?: number; uniqueItems?: boolean };
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) };
      const item = validFor(schema.items ?? {}, pools, depth + 1);
      return s.uniqueItems ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(item, constraints);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: schema.maximum ?? min + 100 });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      const s = schema as { minLength?: number; maxLength?: number; pattern?: string };
      if (schema.format === 'uuid') return fc.constantFrom(...pools.ids);
      if (schema.format === 'email') return fc.constantFrom('ana@example.org', 'Bruno.Lima@example.org');
      if (schema.format === 'uri') return fc.constantFrom('https://example.org', 'https://habitat.example.org/about');
      if (schema.format === 'date-time') return fc.constant(new Date().toISOString());
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 40, 40);
      const text = s.pattern
        ? fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity))
        : fc.string({ minLength: min, maxLength: Math.max(min, max) });
      return s.pattern ? fc.oneof(text, fc.constant('a'.repeat(Math.max(min, 16)))).filter((v) => new RegExp(s.pattern!).test(v)) : text;
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

/** Every place in a value where a fault can go: the root, each property and each item, by path. */
function slots(value: unknown, path: string[] = []): string[][] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => slots(v, [...path, String(i)])));
  if (value !== null && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => slots(v, [...path, k])));
  return here;
}

function plant(value: unknown, path: string[], fault: unknown): unknown {
  if (path.length === 0) return fault;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? plant(v, rest, fault) : v));
  return { ...(value as Record<string, unknown>), [head]: plant((value as Record<string, unknown>)[head], rest, fault) };
}

const truncatedBodies = ['{', '{"name":', '[', '"\\u00', '{"a":1}}', 'null', '1e309', '\u0000', '{"__proto__":{"admin":true}}', ''];
const wrongContentTypes = [
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'multipart/form-data',
  'application/xml',
  'application/json; boundary=',
  undefined
];

/** Multipart bodies, well-formed or not, for the routes that read files. */
const multipartBody = fc
  .record({
    shape: fc.constantFrom('one-file', 'two-files', 'field', 'unterminated', 'no-boundary-match', 'empty', 'garbage'),
    name: fc.constantFrom('logo', 'file', '\u0000', 'l\u00f6go'),
    filename: fc.constantFrom('a.png', '../../x.png', 'ç.svg', '\u0000.png', ''),
    bytes: fc.oneof(fc.constant(TINY_PNG), fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)), fc.constant(Buffer.from('<svg')))
  })
  .map(({ shape, name, filename, bytes }) => {
    const b = 'fuzzboundary';
    const part = (field: string) =>
      Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
        bytes,
        Buffer.from('\r\n')
      ]);
    const end = Buffer.from(`--${b}--\r\n`);
    const bodies: Record<string, Buffer> = {
      'one-file': Buffer.concat([part(name), end]),
      'two-files': Buffer.concat([part(name), part(name), end]),
      field: Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nvalue\r\n--${b}--\r\n`),
      unterminated: part(name),
      'no-boundary-match': Buffer.concat([Buffer.from('--other\r\n'), bytes]),
      empty: Buffer.alloc(0),
      garbage: bytes
    };
    return { payload: bodies[shape], contentType: `multipart/form-data; boundary=${b}` };
  });

function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as a client that encodes it anyway would send it
  }
}
const rawQueryTexts = ['%', '%zz', '%ff', '%c3%28', '%00', '%ED%A0%80', '+', '&&', '=', '%E2%82'];
const hostileQueryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('1e309', 'Infinity', '-1e309', '-Infinity', 'NaN', '-1', '0', '1.5', '1e3', '1e300', '99999999999999999999', '', ' ') },
  { weight: 2, arbitrary: hostileString.map(encodeComponent) },
  { weight: 1, arbitrary: fc.constantFrom(...rawQueryTexts) }
);

interface Pools {
  ids: string[];
  slugs: string[];
  tokens: string[];
}
type Identity = 'member' | 'admin' | 'visitor';
interface FuzzRequest {
  identity: Identity;
  fault: string;
  path: string;
  query: string;
  payload?: Buffer;
  contentType?: string;
}
type Fault = 'none' | 'path' | 'query' | 'unknown-query' | 'body' | 'unknown-field' | 'content-type' | 'bad-utf8' | 'truncated';

/**
 * A request that is valid but for one planted fault (or none, or, for the
 * upload route, a fuzzed multipart body). One fault at a time lets it reach the
 * code behind the checks that the other fields would otherwise trip first.
 */
function requestFor(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const hasBody = !!op.body && op.method !== 'GET';
  const faults: Array<{ weight: number; arbitrary: fc.Arbitrary<Fault> }> = [
    { weight: 1, arbitrary: fc.constant('none') },
    { weight: 1, arbitrary: fc.constant('unknown-query') }
  ];
  if (pathParams.length > 0) faults.push({ weight: 2, arbitrary: fc.constant('path') });
  if (queryParams.length > 0) faults.push({ weight: 4, arbitrary: fc.constant('query') });
  if (hasBody) {
    faults.push(
      { weight: 6, arbitrary: fc.constant('body') },
      { weight: 1, arbitrary: fc.constant('unknown-field') },
      { weight: 1, arbitrary: fc.constant('bad-utf8') },
      { weight: 1, arbitrary: fc.constant('truncated') }
    );
  }
  if (op.method !== 'GET') faults.push({ weight: 1, arbitrary: fc.constant('content-type') });

  const pathValues = fc.tuple(
    ...pathParams.map((p) => fc.constantFrom(...(p.schema.format === 'uuid' ? pools.ids : p.name === 'slug' ? pools.slugs : pools.tokens)))
  );
  const queryValues = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        p.schema.type === 'array'
          ? fc.array(validFor(p.schema.items ?? {}, pools), { minLength: 1, maxLength: 2 })
          : validFor(p.schema, pools).map((v) => [v]),
        { freq: 2 }
      )
    )
  );
  const wantsFile = op.method === 'POST' && op.path.endsWith('/logo');

  return fc
    .record({
      identity: fc.constantFrom<Identity>('member', 'member', 'member', 'admin', 'visitor'),
      fault: fc.oneof(...faults),
      pathValues,
      queryValues,
      body: hasBody ? validFor(op.body!, pools) : fc.constant(undefined),
      which: fc.nat(),
      hostile: hostileValue,
      hostileQuery: hostileQueryValue,
      hostilePath: fc.oneof(hostileString.map(encodeComponent), fc.constantFrom(...rawQueryTexts)),
      contentType: fc.constantFrom(...wrongContentTypes),
      truncated: fc.constantFrom(...truncatedBodies),
      multipart: multipartBody
    })
    .map((r) => {
      const paths = r.pathValues.map((v) => encodeComponent(String(v)));
      if (r.fault === 'path') paths[r.which % paths.length] = r.hostilePath;
      const pairs: string[] = [];
      queryParams.forEach((p, i) => {
        for (const v of (r.queryValues[i] as unknown[] | null) ?? []) pairs.push(`${p.name}=${encodeComponent(String(v))}`);
      });
      if (r.fault === 'query') {
        const p = queryParams[r.which % queryParams.length];
        pairs.push(`${p.name}=${r.hostileQuery}`);
        // Most of the time the fault replaces the valid value rather than joining it.
        if (r.which % 3 !== 0) {
          const keep = pairs.filter((pair) => !pair.startsWith(`${p.name}=`));
          pairs.splice(0, pairs.length, ...keep, `${p.name}=${r.hostileQuery}`);
        }
      }
      if (r.fault === 'unknown-query') pairs.push(`${r.hostileQuery || 'x'}=${r.hostileQuery}`);
      const path = pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, paths[i]), op.path);
      const query = pairs.length > 0 ? `?${pairs.join('&')}` : '';
      const base = { identity: r.identity, fault: r.fault, path, query };
      if (wantsFile && (r.fault === 'none' || r.fault === 'content-type')) {
        return { ...base, fault: 'multipart', payload: r.multipart.payload, contentType: r.multipart.contentType };
      }
      if (!hasBody) {
        return r.fault === 'content-type' ? { ...base, payload: Buffer.from(r.truncated), contentType: r.contentType } : base;
      }
      let body = r.body;
      if (r.fault === 'body') {
        const places = slots(body);
        body = plant(body, places[r.which % places.length], r.hostile);
      }
      if (r.fault === 'unknown-field' && body && typeof body === 'object' && !Array.isArray(body)) body = { ...body, [`x${r.which % 7}`]: r.hostile };
      let text = r.fault === 'truncated' ? r.truncated : toJson(body);
      if (r.fault === 'bad-utf8') {
        const places = slots(body).filter((p) => p.length > 0);
        if (places.length > 0) text = toJson(plant(body, places[r.which % places.length], `a${BAD_UTF8}b`));
      }
      return {
        ...base,
        payload: spliceBadUtf8(text, r.which),
        contentType: r.fault === 'content-type' ? r.contentType : 'application/json'
      };
    });
}

let t: TestHub;
let operations: Operation[];
let pools: Pools;
let member: TestUser;
let admin: TestUser;
let requests = 0;
/** Answers that got past every check: proof that the faults were planted in otherwise valid requests. */
let succeeded = 0;
const serverErrors: string[] = [];

function resolveRef(doc: { components?: { schemas?: Record<string, JsonSchema> } }, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return doc.components?.schemas?.[name];
}

beforeAll(async () => {
  // Rate limits would answer 429 before the fuzzed input reached validation.
  t = await createTestHub({ AUTH_RATE_LIMIT: '1000000' });
  member = await t.createUser({ name: 'Fuzz Member' });
  admin = await t.createUser({ name: 'Fuzz Admin', role: 'admin' });
  const coordinator = admin;
  const fixtures = organisationFixtures(() => ({ t, coordinator }));
  // Real records, so some requests reach the services behind the checks.
  const mine = await fixtures.apply(member);
  await fixtures.decide(mine.slug, 'approve');
  const pending = await fixtures.apply(member);
  pools = {
    ids: [mine.id, pending.id, member.id, admin.id],
    slugs: [mine.slug, pending.slug],
    tokens: ['a'.repeat(32)]
  };

  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      // The websocket's plain GET answers 426; its messages have their own tests.
      .filter(([method]) => !(path === '/api/live' && method === 'get'))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: resolveRef(doc, op.requestBody?.content['application/json']?.schema)
      }))
  );
});

afterAll(async () => {
  await t?.close();
});

async function send(op: Operation, request: FuzzRequest): Promise<number> {
  let cookie: string | undefined;
  if (request.identity === 'admin') cookie = admin.cookie;
  else if (request.identity === 'member') {
    // Signing out (or being signed out) must not turn the rest of the run into a visitor's.
    const session = await createSession(t.hub.db, member.id, { ip: '127.0.0.1', userAgent: 'fuzz' });
    cookie = `${t.app.sessionCookieName}=${session.token}`;
  }
  const response = await t.app.inject({
    method: op.method as 'GET',
    url: `${request.path}${request.query}`,
    headers: {
      origin: ORIGIN,
      host: new URL(ORIGIN).host,
      ...(cookie ? { cookie } : {}),
      ...(request.contentType ? { 'content-type': request.contentType } : {})
    },
    ...(request.payload !== undefined ? { payload: request.payload } : {})
  });
  requests++;
  if (response.statusCode < 300) succeeded++;
  if (response.statusCode >= 500) {
    serverErrors.push(`${request.identity} ${request.fault}: ${op.method} ${request.path}${request.query} [${request.contentType}] → ${response.statusCode} ${response.body.slice(0, 200)}`);
  }
  return response.statusCode;
}

describe('the API under fuzzed input', () => {
  it('answers every operation in the OpenAPI document without a 5xx', { timeout: 240_000 }, async () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op, pools), async (request) => {
          try {
            return (await send(op, request)) < 500;
          } catch (err) {
            serverErrors.push(`${op.method} ${request.path}${request.query}: the request threw ${String(err)}`);
            return false;
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true }
      ).catch(() => {
        // Collected in serverErrors; the other operations still run.
      });
    }
    console.log(
      `API fuzz: ${requests} requests over ${operations.length} operations (seed ${SEED}), ${succeeded} succeeded, ${serverErrors.length} answered 5xx`
    );
    expect(serverErrors).toEqual([]);
    expect(requests).toBe(operations.length * RUNS);
    expect(succeeded).toBeGreaterThan(requests * 0.1);
  });
});
