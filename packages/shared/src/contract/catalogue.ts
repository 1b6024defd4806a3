import { accountsProblems } from './accounts.problems';
import { organisationsProblems } from './organisations.problems';
import { hubProblems } from './problems';

/** Every problem code the API may answer with: the hub's own and each domain's. */
export const problemCatalogue = { ...hubProblems, ...accountsProblems, ...organisationsProblems } as const;
export type ProblemCode = keyof typeof problemCatalogue;
export const problemCodes = Object.keys(problemCatalogue) as ProblemCode[];
export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(problemCatalogue, code);

/** A problem+json body whose code is one the API declares. */
export type ApiProblem = Omit<import('../schemas/common').Problem, 'code'> & { code: ProblemCode };
