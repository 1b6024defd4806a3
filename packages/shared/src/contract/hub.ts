import { Type } from '@sinclair/typebox';
import { defineContract, defineRoute } from './define';
import { hubProblems } from './problems';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
export const HealthSchema = Type.Object(
  { status: Status, database: Status, search: Status, mail: Status },
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
    description: '200 when every part answers; 503 (with the same body) when one does not.',
    audience: 'public',
    responses: { 200: HealthSchema, 503: HealthSchema },
    problems: []
  })
}
});
