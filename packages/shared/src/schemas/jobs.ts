import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Paged, Uuid } from './common';

/** A job that used up its retries, as admins see it (never its payload: it may hold a single-use link). */
export const FailedJobSchema = Type.Object(
  {
    id: Uuid,
    /** The job's kind, such as `mail.send` or `accounts.mail`. */
    kind: Type.String(),
    /** A short description from the kind (what, and for whom), without secrets. */
    summary: Type.String(),
    attempts: Type.Integer(),
    /** The last attempt's error message. */
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDate,
    failedAt: IsoDate
  },
  { additionalProperties: false }
);
export type FailedJob = Static<typeof FailedJobSchema>;

export const FailedJobListSchema = Paged(FailedJobSchema);
export type FailedJobList = Static<typeof FailedJobListSchema>;

export const FailedJobsQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) },
  { additionalProperties: false }
);

export const RetriedJobSchema = Type.Object({ id: Uuid, retried: Type.Literal(true) }, { additionalProperties: false });
