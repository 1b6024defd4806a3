import { demoEvents, demoSpeakers } from '@mutirao/db/seed/events';
import type { EventCreateInput } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { DemoSeeder } from '../../module';
import type { EventsHub } from './events.changes';
import { createEvent, publishEvent } from './events.manage.service';
import { register } from './events.registration.service';
import { setSpeakers } from './events.speakers.service';
import * as repo from './events.repo';
import { EVENTS_INDEX } from './events.search';
import { localOf, zonedToInstant } from './events.time';

const DAY = 24 * 60 * 60 * 1000;
const COORDINATOR = 'coordinator@demo.mutirao.org';

/**
 * The demo events go through the same services as real ones (create, publish,
 * register), so the counters, the waitlist and its order are what the rules
 * make them. Past events are created in the future, filled, then moved back with
 * their attendance taken. Nobody is mailed: the seed gives the services no job queue.
 */
export const seedDemoEvents: DemoSeeder = async (seedHub, people) => {
  const hub: EventsHub = { db: seedHub.db, config: seedHub.config, search: seedHub.search, live: seedHub.live };
  const coordinatorRow = people.get(COORDINATOR);
  if (!coordinatorRow) throw new Error(`demo events: no demo person ${COORDINATOR}`);
  const coordinator: Actor = { id: coordinatorRow.id, role: 'coordinator', emailVerified: true };
  const registrants = [...people.values()].filter((p) => p.email !== COORDINATOR);
  const hostsByName = new Map((await repo.approvedOrganisations(hub.db)).map((o) => [o.name, o.slug]));
  const now = Date.now();

  for (const demo of demoEvents) {
    const start = new Date(now + demo.inDays * DAY);
    const day = localOf(start.getTime(), demo.timeZone).slice(0, 10);
    const at = (hour: number) => `${day}T${String(Math.floor(hour)).padStart(2, '0')}:${hour % 1 ? '30' : '00'}`;
    const startsLocal = at(demo.startHour);
    const endsLocal = at(Math.min(23.5, demo.startHour + demo.hours));
    // A past event is filled while it is still ahead: the same day a year on, then moved back.
    const past = demo.inDays < 0;
    const shift = (local: string) => (past ? `${Number(local.slice(0, 4)) + 1}${local.slice(4)}` : local);
    const input: EventCreateInput = {
      title: demo.title,
      description: demo.description,
      format: demo.format,
      venueName: demo.venueName ?? null,
      venueAddress: demo.venueAddress ?? null,
      city: demo.city ?? null,
      country: (demo.country ?? null) as EventCreateInput['country'],
      latitude: demo.latitude ?? null,
      longitude: demo.longitude ?? null,
      onlineUrl: demo.format === 'in_person' ? null : `https://meet.example.org/${demo.title.length}`,
      timeZone: demo.timeZone,
      startsLocal: shift(startsLocal),
      endsLocal: shift(endsLocal),
      languages: demo.languages,
      themes: demo.themes as EventCreateInput['themes'],
      hostOrganisations: demo.hosts.map((name) => hostsByName.get(name)).filter((slug): slug is string => !!slug),
      capacity: demo.capacity,
      questions: demo.questions
    };
    const event = await createEvent(hub, coordinator, input);
    const speakers = (demoSpeakers[demo.title] ?? []).flatMap(({ email, talkTitle }) => {
      const person = people.get(email);
      return person ? [{ userId: person.id, talkTitle }] : [];
    });
    if (speakers.length) await setSpeakers(hub, coordinator, event.id, { speakers });
    await publishEvent(hub, coordinator, event.id);
    for (const person of registrants.slice(0, demo.registrants)) {
      await register(hub, { id: person.id, role: 'member', emailVerified: true }, event.id, {
        answers: demo.questions?.length ? { diet: 'Vegetariana' } : {}
      });
    }
    if (past) {
      await hub.db.transaction(async (tx) => {
        await repo.updateEvent(tx, event.id, {
          startsLocal,
          endsLocal,
          startsAt: zonedToInstant(startsLocal, demo.timeZone),
          endsAt: zonedToInstant(endsLocal, demo.timeZone),
          createdAt: new Date(start.getTime() - 40 * DAY),
          publishedAt: new Date(start.getTime() - 30 * DAY)
        });
        // Most confirmed people came: all but every fourth.
        const confirmed = await repo.registrationsOf(tx, event.id, 'confirmed');
        for (const [i, { registration }] of confirmed.entries()) {
          if (i % 4 !== 3) await repo.setCheckIn(tx, registration.id, start);
        }
        await hub.search.enqueue(tx, EVENTS_INDEX, event.id, 'upsert');
      });
    }
  }
};
