import { localOf, offsetMinutesAt } from './events.time';

/**
 * iCalendar (RFC 5545) for events: one file per event and the feeds. Written by
 * hand because it is small; `VTIMEZONE` blocks come from the runtime's own zone
 * data (the same ICU that derives the instants), listing each real transition
 * around the events, so a calendar shows the organisers' wall time even across
 * a daylight-saving change.
 */

export interface IcsEvent {
  id: string;
  title: string;
  descriptionText: string;
  status: string;
  timeZone: string;
  startsLocal: string;
  endsLocal: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  sequence: number;
  updatedAt: Date;
}

const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basic = (local: string) => `${local.slice(0, 16).replace(/[-:]/g, '').replace(' ', 'T')}00`;
const utcStamp = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

interface Transition {
  at: number;
  from: number;
  to: number;
}

/** Offset changes of a zone between two instants, to the minute. */
function transitions(zone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  const day = 86_400_000;
  let previous = offsetMinutesAt(from, zone);
  for (let t = from + day; t <= to; t += day) {
    const offset = offsetMinutesAt(t, zone);
    if (offset === previous) continue;
    let lo = t - day;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutesAt(mid, zone) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from: previous, to: offset });
    previous = offset;
  }
  return found;
}

/** One VTIMEZONE covering the years of the given instants (one year either side). */
export function vtimezone(zone: string, instants: number[]): string[] {
  const years = instants.map((t) => new Date(t).getUTCFullYear());
  const from = Date.UTC(Math.min(...years) - 1, 0, 1);
  const to = Date.UTC(Math.max(...years) + 2, 0, 1);
  const initial = offsetMinutesAt(from, zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', startLocal: string, fromOffset: number, toOffset: number) => {
    lines.push(`BEGIN:${kind}`, `DTSTART:${basic(startLocal)}`, `TZOFFSETFROM:${offsetText(fromOffset)}`, `TZOFFSETTO:${offsetText(toOffset)}`);
    lines.push(`TZNAME:${offsetText(toOffset).replace(/00$/, '')}`, `END:${kind}`);
  };
  observance('STANDARD', new Date(from + initial * 60_000).toISOString(), initial, initial);
  for (const change of transitions(zone, from, to)) {
    // DTSTART is the wall time just before the change, in the offset that was in force.
    const wall = new Date(change.at + change.from * 60_000).toISOString();
    observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', wall, change.from, change.to);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export interface IcsOptions {
  origin: string;
  /** `PUBLISH` for files and feeds; a single cancelled event is sent as `CANCEL`. */
  method?: 'PUBLISH' | 'CANCEL';
  name?: string;
  now?: Date;
}

function location(event: IcsEvent): string | null {
  const parts = [event.venueName, event.venueAddress, event.city, event.country].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : null;
}

/** A calendar with these events (an empty feed is still a valid calendar). */
export function buildCalendar(events: IcsEvent[], options: IcsOptions): string {
  const now = options.now ?? new Date();
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mutirão//Events//ES', 'CALSCALE:GREGORIAN', `METHOD:${options.method ?? 'PUBLISH'}`];
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  const zones = new Map<string, number[]>();
  for (const event of events) {
    const list = zones.get(event.timeZone) ?? [];
    list.push(event.startsAt.getTime(), event.endsAt.getTime());
    zones.set(event.timeZone, list);
  }
  for (const [zone, instants] of zones) lines.push(...vtimezone(zone, instants));
  for (const event of events) {
    const url = `${options.origin}/events/${event.id}`;
    const where = location(event);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.id}@${new URL(options.origin).host}`,
      `DTSTAMP:${utcStamp(now)}`,
      `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
      `DTSTART;TZID=${event.timeZone}:${basic(event.startsLocal)}`,
      `DTEND;TZID=${event.timeZone}:${basic(event.endsLocal)}`,
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(`${event.descriptionText.slice(0, 2000)}\n\n${url}`)}`,
      `URL:${url}`,
      `SEQUENCE:${event.sequence}`,
      `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`
    );
    if (where) lines.push(`LOCATION:${escapeText(where)}`);
    if (event.latitude !== null && event.longitude !== null) lines.push(`GEO:${event.latitude};${event.longitude}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** Exposed for tests: the wall time an instant has in a zone. */
export { localOf };
