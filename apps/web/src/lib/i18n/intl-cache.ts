// Building an Intl formatter loads locale data and costs far more than formatting with
// one: a list page printing a date per card built one per card, on every render. The
// formatters are kept per locale and options for the life of the process; the options
// used are a handful of fixed shapes, times the three locales and the time zones readers
// are in, so the caches stay small. Formatters are immutable, so sharing them is safe.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const collators = new Map<string, Intl.Collator>();

/** One entry per distinct time zone at most; a zone is validated before it reaches here. */
const MAX_ENTRIES = 5000;

function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    // A bound, in case something unforeseen (a stream of odd zones) keeps adding keys.
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, value);
  }
  return value;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return remembered(dateTimeFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return remembered(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

export function collator(locale: string): Intl.Collator {
  return remembered(collators, locale, () => new Intl.Collator(locale));
}
