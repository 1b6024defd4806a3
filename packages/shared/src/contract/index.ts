import { accountRightsContract } from './account-rights';
import { accountsContract } from './accounts';
import { contactContract } from './contact';
import type { RouteSpec } from './define';
import type { ProblemInfo } from './problems';
import { homeContract } from './home';
import { hubContract } from './hub';
import { jobsContract } from './jobs';
import { discussionsContract } from './discussions';
import { libraryContract } from './library';
import { notificationsContract } from './notifications';
import { organisationsContract } from './organisations';
import { peopleContract } from './people';
import { eventsContract } from './events';

export * from './define';
export * from './problems';
export * from './runtime';
export { AcceptedSchema, accountsContract } from './accounts';
export { accountRightsContract } from './account-rights';
export { contactContract } from './contact';
export { HealthSchema, hubContract } from './hub';
export { HomeSchema, homeContract } from './home';
export { notificationsContract } from './notifications';
export { jobsContract } from './jobs';
export { discussionsContract } from './discussions';
export { libraryContract } from './library';
export { organisationsContract } from './organisations';
export { peopleContract } from './people';
export { eventsContract } from './events';
export { buildOpenApiDocument, type OpenApiOptions } from './openapi';

/**
 * Every domain's contract. The server registers each operation, the OpenAPI document
 * lists each one, the web's client calls them, and the authorization matrix walks them.
 * A new domain adds its contract here, and nowhere else on the shared side.
 */
export const contracts = [
  hubContract,
  accountsContract,
  organisationsContract,
  peopleContract,
  notificationsContract,
  jobsContract,
  homeContract,
  accountRightsContract,
  contactContract,
  discussionsContract,
  eventsContract,
  libraryContract
] as const;

type Contracts = (typeof contracts)[number];
type Merged<T> = (T extends unknown ? (merge: T) => void : never) extends (merge: infer All) => void ? All : never;

/** Every operation, by operationId. */
export const api = Object.assign({}, ...contracts.map((c) => c.routes)) as Merged<Contracts['routes']>;
export const apiRoutes: readonly RouteSpec[] = Object.values(api);

/** Every problem code the API may answer with: the hub's own and each domain's. */
export const problemCatalogue = Object.assign({}, ...contracts.map((c) => c.problems)) as Merged<Contracts['problems']>;
export type ProblemCode = keyof typeof problemCatalogue & string;
export const problemCodes = Object.keys(problemCatalogue) as ProblemCode[];
export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(problemCatalogue, code);
/** The status and meaning of a code, or undefined when no contract declares it. */
export const problemInfo = (code: string): ProblemInfo | undefined => (isProblemCode(code) ? problemCatalogue[code] : undefined);

/** A problem+json body whose code is one the API declares. */
export type ApiProblem = Omit<import('../schemas/common').Problem, 'code'> & { code: ProblemCode };
