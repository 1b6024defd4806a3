import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { locales } from '../locales';
import { countries } from '../taxonomy';

export const LocaleSchema = Type.Union(
  locales.map((l) => Type.Literal(l)),
  { $id: 'Locale', description: 'Interface or content language' }
);
export const CountrySchema = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 country code'
});
export const countryCodes: readonly string[] = countries;

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date-time' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** RFC 9457 problem details, with the hub's stable `code` and the failing fields. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    /** With `account_suspended`: until when (null: until reinstated) and why, to show the person. */
    suspension: Type.Optional(
      Type.Object({
        until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        reason: Type.String()
      })
    ),
    fields: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          code: Type.String(),
          message: Type.String()
        })
      )
    )
  },
  { $id: 'Problem' }
);
export type Problem = Static<typeof ProblemSchema>;

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer()
  });
