import { expect } from 'vitest';
import type { TestHub, TestUser } from '../../../../../tests/fixtures/harness';

/** A hybrid event in Santiago next year, as an organiser would fill it in. */
export function eventBody(overrides: Record<string, unknown> = {}) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    title: 'Foro de vivienda asequible',
    description: 'Un **foro** sobre vivienda asequible en ciudades intermedias.',
    format: 'hybrid',
    venueName: 'Centro Cultural Gabriela Mistral',
    venueAddress: 'Av. Libertador Bernardo O’Higgins 227',
    city: 'Santiago',
    country: 'CL',
    latitude: -33.4389,
    longitude: -70.6404,
    onlineUrl: 'https://meet.example.org/foro-vivienda',
    timeZone: 'America/Santiago',
    startsLocal: `${year}-07-15T10:00`,
    endsLocal: `${year}-07-15T13:00`,
    languages: ['es'],
    themes: ['rental_housing'],
    capacity: 10,
    ...overrides
  };
}

/** Organisers acting through the API: create, publish, register. */
export function eventFixtures(context: () => { t: TestHub; coordinator: TestUser }) {
  async function create(by: TestUser, overrides: Record<string, unknown> = {}) {
    const response = await context().t.request({ method: 'POST', url: '/api/events', cookie: by.cookie, payload: eventBody(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().event as { id: string; status: string; startsAt: string; sequence: number };
  }
  async function publish(id: string) {
    const { t, coordinator } = context();
    const response = await t.request({ method: 'POST', url: `/api/events/${id}/publish`, cookie: coordinator.cookie });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().event;
  }
  async function published(overrides: Record<string, unknown> = {}) {
    const event = await create(context().coordinator, overrides);
    return publish(event.id) as Promise<{ id: string; startsAt: string; sequence: number; capacity: number | null }>;
  }
  const register = (id: string, user: TestUser, answers?: Record<string, string>) =>
    context().t.request({ method: 'POST', url: `/api/events/${id}/registration`, cookie: user.cookie, payload: answers ? { answers } : {} });
  const unregister = (id: string, user: TestUser) =>
    context().t.request({ method: 'DELETE', url: `/api/events/${id}/registration`, cookie: user.cookie });
  const page = (id: string, user?: TestUser) => context().t.request({ method: 'GET', url: `/api/events/${id}`, cookie: user?.cookie });
  return { create, publish, published, register, unregister, page };
}
