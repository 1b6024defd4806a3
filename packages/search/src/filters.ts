/**
 * Meilisearch filter expressions built from values that may come from users.
 * A value is always sent as a double-quoted string with `\` and `"` escaped, so
 * input such as `x" OR visibility = "private` stays one literal value and can
 * never change the expression around it.
 */

export type FilterScalar = string | number | boolean;

/** Quotes one value for a Meilisearch filter: `a"b` → `"a\"b"`. */
export function escapeFilterValue(value: FilterScalar): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`filter value must be a finite number, got ${value}`);
  }
  const text = String(value);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Attribute names come from our code, never from input; anything that is not a
 * plain (optionally dotted) identifier is refused rather than quoted.
 */
function attribute(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
    throw new TypeError(`invalid filter attribute: ${JSON.stringify(field)}`);
  }
  return field;
}

/** `field = "value"` */
export function filterEquals(field: string, value: FilterScalar): string {
  return `${attribute(field)} = ${escapeFilterValue(value)}`;
}

/**
 * `field IN ["a", "b"]`. An empty list matches nothing, which Meilisearch has no
 * literal for; callers should skip the search (or the clause) instead, so this throws.
 */
export function filterIn(field: string, values: readonly FilterScalar[]): string {
  if (values.length === 0) throw new RangeError(`filterIn(${field}) needs at least one value`);
  return `${attribute(field)} IN [${values.map(escapeFilterValue).join(', ')}]`;
}

/** Joins clauses with AND, each in parentheses; empty clauses are dropped. */
export function filterAll(clauses: ReadonlyArray<string | undefined | null | false>): string | undefined {
  const kept = clauses.filter((c): c is string => typeof c === 'string' && c.length > 0);
  if (kept.length === 0) return undefined;
  return kept.map((c) => `(${c})`).join(' AND ');
}
