import type { TSchema } from '@sinclair/typebox';
import { ProblemSchema } from '../schemas/common';
import type { ProblemInfo } from './problems';
import { problemsOf, type Audience, type Contract, type RouteSpec } from './define';

type Json = Record<string, unknown>;

const audienceWords: Record<Audience, string> = {
  public: 'Anyone, signed in or not.',
  signedIn: 'Anyone signed in (a session cookie).',
  coordinator: 'Coordinators and hub admins.',
  admin: 'Hub admins only.'
};

/** Plain JSON, without TypeBox's symbol keys, so the document can be written and compared. */
const plain = (schema: TSchema | Json): Json => JSON.parse(JSON.stringify(schema)) as Json;

/**
 * Moves every schema with an `$id` into `components.schemas` under that name and
 * leaves a `$ref` in its place, so shared shapes (User, Organisation, Country…)
 * are defined once in the document.
 */
class Components {
  readonly schemas: Record<string, Json> = {};
  /** Canonical JSON of each named schema → its name. */
  private readonly names = new Map<string, string>();

  constructor(named: Readonly<Record<string, TSchema>>) {
    for (const [name, schema] of Object.entries(named)) this.names.set(canonical(plain(schema)), name);
  }

  hoist(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.hoist(item));
    if (!schema || typeof schema !== 'object') return schema;
    const { $id, ...rest } = schema as Json;
    const name = typeof $id === 'string' ? $id : this.names.get(canonical(rest));
    const walked: Json = {};
    for (const [key, value] of Object.entries(rest)) walked[key] = this.hoist(value);
    if (!name) return walked;
    const existing = this.schemas[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(walked)) {
      throw new Error(`Two different schemas are named ${name}`);
    }
    this.schemas[name] = walked;
    return { $ref: `#/components/schemas/${name}` };
  }
}

/** JSON with sorted keys, so two schemas of the same shape compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Json).filter(([key]) => key !== '$id').sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}

function parametersOf(route: RouteSpec, components: Components): Json[] {
  const parameters: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const object = plain(schema) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      const isArray = rest.type === 'array';
      parameters.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(typeof description === 'string' && { description }),
        schema: components.hoist(rest),
        // Arrays travel as repeated keys: ?country=BR&country=AR.
        ...(isArray && { style: 'form', explode: true })
      });
    }
  }
  return parameters;
}

function requestBodyOf(route: RouteSpec, components: Components): Json | undefined {
  if (route.upload) {
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: [route.upload.field],
            properties: {
              [route.upload.field]: {
                type: 'string',
                format: 'binary',
                description: `One file (${route.upload.mediaTypes.join(', ')}), at most ${Math.round(route.upload.maxBytes / 1024 / 1024)} MB.`
              }
            }
          }
        }
      }
    };
  }
  if (!route.body) return undefined;
  return {
    required: !route.bodyOptional,
    content: { 'application/json': { schema: components.hoist(plain(route.body)) } }
  };
}

function responsesOf(route: RouteSpec, components: Components, catalogue: Record<string, ProblemInfo>): Json {
  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    const description = Number(status) < 300 ? (Number(status) === 204 ? 'Done; no body.' : 'Success.') : 'See the body.';
    if (schema === null) {
      responses[status] = { description };
    } else if (route.produces) {
      responses[status] = {
        description,
        content: Object.fromEntries(route.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]))
      };
    } else {
      responses[status] = { description, content: { 'application/json': { schema: components.hoist(plain(schema)) } } };
    }
  }
  const byStatus = new Map<number, string[]>();
  for (const code of problemsOf(route)) {
    const problem = catalogue[code];
    if (!problem) throw new Error(`${route.operationId} names the problem code ${code}, which no contract declares`);
    const { status } = problem;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${catalogue[code].description}`).join('\n\n'),
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { type: 'object', properties: { code: { type: 'string', enum: codes } } }
            ]
          }
        }
      }
    };
  }
  return responses;
}

function securityOf(route: RouteSpec): Json[] {
  // Public operations work without a session, and some say more to a signed-in reader.
  return route.audience === 'public' ? [{}, { session: [] }] : [{ session: [] }];
}

export interface OpenApiOptions {
  version: string;
  cookieName: string;
  /** Every domain's contract: its tags, problem codes, operations and named shapes. */
  contracts: readonly Contract[];
  serverUrl?: string;
}

const infoDescription = (cookieName: string) => `The API of Mutirão, the knowledge hub for housing practitioners in Latin America and the Caribbean. Every page of the hub uses it; so can any client.

**Sessions.** \`signIn\` answers with a \`Set-Cookie\` for \`${cookieName}\` (\`__Host-mutirao_session\` in production). Send that cookie with every later request. It lasts 30 days from its last use, at most 90 days; \`signOut\` ends it.

**State-changing requests** (every method but GET) must carry an \`Origin\` header equal to the hub's public origin; anything else is refused with 403 \`cross_origin_refused\`. A bodiless POST may send no body, or \`Content-Type: application/json\` with an empty body.

**Mailed tokens.** Sign-up, password reset and invitations send a link by email. The \`token\` query parameter of that link is what \`verifyEmail\`, \`confirmPasswordReset\` and \`acceptInvitation\` take. Outside production the hub does not send mail: it is readable at \`/dev/mail\`.

**Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\` (listed per operation), a human \`detail\` and, for validation, the failing \`fields\`. A failed request changes nothing.

**Live updates.** \`GET /api/live\` upgrades to a websocket (same cookie, same \`Origin\` rule). Send \`{"type":"subscribe","topics":["organisation:<id>","user:<your id>"],"since":<cursor>}\`; the hub answers \`subscribed\` (with the topics \`denied\`) and then \`{"type":"event","topic","event","id","at","cursor"}\` for each change: ids only, so re-fetch what changed through this API. Reconnect with the last \`cursor\` as \`since\` to catch up; \`resync\` means re-fetch everything.

**404 rather than 403.** Where a record is not public (a pending or suspended organisation, another person's data), someone who may not see it gets 404 \`not_found\`, so its existence is not revealed. 403 \`forbidden\` means you may see the record but not do this to it.`;

/** The OpenAPI 3.1 document of the whole API, built from the route contract alone. */
export function buildOpenApiDocument(options: OpenApiOptions): Json {
  const catalogue: Record<string, ProblemInfo> = Object.assign({}, ...options.contracts.map((c) => c.problems));
  // Shapes to define once under components.schemas, matched by structure wherever they appear.
  const components = new Components(Object.assign({}, ...options.contracts.map((c) => c.named ?? {})));
  const routes = options.contracts.flatMap((c) => Object.values(c.routes));
  components.hoist(plain({ ...ProblemSchema, $id: 'Problem' }));
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, `**Who may call:** ${audienceWords[route.audience]}${route.access ? ` ${route.access}` : ''}`]
        .filter(Boolean)
        .join('\n\n'),
      tags: [route.tag],
      security: securityOf(route)
    };
    const parameters = parametersOf(route, components);
    if (parameters.length > 0) operation.parameters = parameters;
    const body = requestBodyOf(route, components);
    if (body) operation.requestBody = body;
    operation.responses = responsesOf(route, components, catalogue);
    const path = `/api${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mutirão API',
      version: options.version,
      description: infoDescription(options.cookieName),
      license: { name: 'MIT', identifier: 'MIT' }
    },
    servers: [{ url: options.serverUrl ?? '/', description: 'The hub that serves this document.' }],
    tags: options.contracts.flatMap((c) => Object.entries(c.tags)).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: options.cookieName,
          description: 'The session cookie set by `signIn`.'
        }
      }
    }
  };
}
