/**
 * Wall times in IANA zones, from the runtime's own time-zone data (ICU, updated
 * with Node): organisers give the venue's local time and zone; the instants are
 * derived here whenever an event is written, never stored as the source.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const knownZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Whether the hub knows this IANA zone (`America/Santiago`); abbreviations and offsets are not zones. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  // Aliases (America/Buenos_Aires for America/Argentina/Buenos_Aires) are zones too.
  if (!/^[A-Za-z_]+\/[A-Za-z0-9_+/-]+$/.test(zone)) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at this instant, in minutes (Santiago in July: -240). */
export function offsetMinutesAt(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** `2027-07-15T10:00` → [2027, 7, 15, 10, 0]. */
function wallParts(local: string): [number, number, number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(local);
  if (!match) throw new Error(`not a local date-time: ${local}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])];
}

/**
 * The instant a wall time in a zone names. A time that occurs twice (clocks
 * going back) is the first of the two; one that does not occur (clocks going
 * forward) moves forward by the gap, as calendars do.
 */
export function zonedToInstant(local: string, zone: string): Date {
  const [y, mo, d, h, mi] = wallParts(local);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asUtc - offsetMinutesAt(asUtc, zone) * 60_000;
  const second = asUtc - offsetMinutesAt(first, zone) * 60_000;
  // Earlier of the candidates that read back as the asked time; otherwise the later offset (a gap).
  const candidates = [first, second].filter((t) => localOf(t, zone) === normaliseLocal(local)).sort((a, b) => a - b);
  return new Date(candidates[0] ?? Math.max(first, second));
}

/** `2027-07-15 10:00:00` (as Postgres returns it) → `2027-07-15T10:00`. */
export function normaliseLocal(local: string): string {
  return local.slice(0, 16).replace(' ', 'T');
}

/** The wall time of an instant in a zone, `YYYY-MM-DDTHH:mm`. */
export function localOf(instant: number, zone: string): string {
  const offset = offsetMinutesAt(instant, zone);
  return new Date(instant + offset * 60_000).toISOString().slice(0, 16);
}
