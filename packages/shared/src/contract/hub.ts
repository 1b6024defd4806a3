import { Type } from '@sinclair/typebox';
import { defineContract, defineRoute } from './define';
import { hubProblems } from './problems';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
export const HealthSchema = Type.Object(
  {
    /**
     * `up`: everything answers. `degraded`: the database answers but search or mail does
     * not (pages and writes work; the directory answers 503 and changes wait in the
     * outbox). `down`: the database does not answer.
     */
    status: Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')]),
    /** Each part, for `probe=ready`; left out for `probe=live`, which checks none. */
    database: Type.Optional(Status),
    search: Type.Optional(Status),
    mail: Type.Optional(Status)
  },
  { $id: 'Health' }
);

/** The hub itself: its health, the problem codes any route may answer, the tags every domain shares. */
export const hubContract = defineContract({
  tags: {
    hub: 'The hub itself: health.',
    admin: 'Coordinators’ and administrators’ tools: review queues, audit trails, roles.'
  },
  problems: hubProblems,
  routes: {
    health: defineRoute({
    operationId: 'health',
    method: 'GET',
    path: '/health',
    tag: 'hub',
    summary: 'Whether the database, search and mail answer',
    description:
      '`probe=ready` (the default): 200 while the database answers (`up`, or `degraded` when search or mail does not), 503 (with the same body) when it does not. ' +
      '`probe=live`: 200 while the process serves requests, whatever its parts say (a liveness probe must not restart the hub because Meilisearch is down). ' +
      'It answers whatever the `Host` header says, so probes may call it by IP address.',
    audience: 'public',
    anyHost: true,
    query: Type.Object({ probe: Type.Optional(Type.Union([Type.Literal('ready'), Type.Literal('live')])) }, { additionalProperties: false }),
    responses: { 200: HealthSchema, 503: HealthSchema },
    problems: []
  })
}
});
