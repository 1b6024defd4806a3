import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { organisationFixtures } from '../organisations/organisations.fixtures';
import { visibilityFilter } from './people.directory.service';

// A hub of its own: the counts here must not see other tests' people.
let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub({ AUTH_RATE_LIMIT: '100000' });
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const orgs = organisationFixtures(() => ({ t, coordinator }));

interface Directory {
  items: Array<{ id: string; name: string; countries: string[] }>;
  total: number;
  facets: Record<'country' | 'organisation' | 'theme' | 'language', Record<string, number>>;
  organisations: Array<{ id: string; name: string }>;
}

async function search(viewer: TestUser | undefined, query: string): Promise<Directory & { status: number }> {
  const response = await t.request({ method: 'GET', url: `/api/people?${query}`, cookie: viewer?.cookie });
  return { status: response.statusCode, ...response.json() };
}
const names = (d: Directory) => d.items.map((i) => i.name).sort();

async function person(name: string, profile: object, join?: { slug: string; admin: TestUser }) {
  const user = await t.createUser({ name });
  if (join) {
    const request = await t.request({ method: 'POST', url: `/api/organisations/${join.slug}/join-requests`, cookie: user.cookie, payload: { message: '' } });
    await t.request({ method: 'POST', url: `/api/organisations/${join.slug}/join-requests/${request.json().joinRequest.id}/approve`, cookie: join.admin.cookie });
  }
  const saved = await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: user.cookie, payload: profile });
  expect(saved.statusCode, saved.body).toBe(200);
  return user;
}

describe('people directory', () => {
  let recife: { id: string; slug: string; admin: TestUser };
  let lima: { id: string; slug: string; admin: TestUser };
  let people: Record<string, TestUser>;
  let outsider: TestUser;

  beforeAll(async () => {
    const a = await orgs.approvedOrganisation({ name: 'Instituto Moradia Recife' });
    const b = await orgs.approvedOrganisation({ name: 'Colectivo Techo Lima' });
    recife = { id: a.org.id, slug: a.org.slug, admin: a.admin };
    lima = { id: b.org.id, slug: b.org.slug, admin: b.admin };
    people = {
      fernanda: await person('Fernanda Oliveira', { countries: ['BR'], themes: ['rental_housing'], languages: ['pt', 'en'], visibility: 'members' }, { slug: recife.slug, admin: recife.admin }),
      gabriela: await person('Gabriela Ferreira', { countries: ['BR'], themes: ['evictions'], languages: ['pt'], visibility: 'everyone' }, { slug: recife.slug, admin: recife.admin }),
      javier: await person('Javier Huamán', { countries: ['PE'], themes: ['climate_resilience'], languages: ['es', 'qu'], visibility: 'members' }, { slug: lima.slug, admin: lima.admin }),
      // Only people in Instituto Moradia Recife may find her.
      juliana: await person('Juliana Ribeiro', { countries: ['BR'], themes: ['climate_resilience', 'data_monitoring'], languages: ['pt'], visibility: 'organisations' }, { slug: recife.slug, admin: recife.admin }),
      rosa: await person('Rosa Mamani', { countries: ['BO', 'PE'], themes: ['basic_services'], languages: ['es', 'ay'], visibility: 'everyone' })
    };
    outsider = await t.createUser({ name: 'Zélia Forasteira' });
    await t.hub.search.drain();
  });

  it('is for signed-in members only', async () => {
    expect((await search(undefined, '')).status).toBe(401);
  });

  it('finds people by a misspelt theme in any of the three languages', async () => {
    // "climat" (en/fr, missing the e), "clima" (es/pt), "resiliência" (pt): Javier works on climate resilience.
    for (const q of ['climat', 'clima', 'resilencia', 'climate resilence']) {
      expect(names(await search(outsider, `q=${encodeURIComponent(q)}`)), q).toEqual(['Javier Huamán']);
    }
    expect(names(await search(outsider, 'q=despejos'))).toEqual(['Gabriela Ferreira']);
    expect(names(await search(outsider, 'q=alquiler'))).toEqual(['Fernanda Oliveira']);
    expect(names(await search(outsider, `q=${encodeURIComponent('quechua')}`))).toEqual(['Javier Huamán']);
    expect(names(await search(outsider, `q=${encodeURIComponent('Perú')}`))).toEqual(['Javier Huamán', 'Rosa Mamani']);
  });

  it('counts facets under the other filters, and filters by country, organisation, theme and language', async () => {
    const all = await search(outsider, '');
    // The outsider sees everyone but Juliana (organisations only), including the two organisations'
    // admins, who were indexed when their organisations' staff changed though they wrote no profile.
    expect(names(all)).toEqual(['Ana Admin', 'Ana Admin', 'Fernanda Oliveira', 'Gabriela Ferreira', 'Javier Huamán', 'Rosa Mamani']);
    expect(all.facets.country).toEqual({ BR: 2, PE: 2, BO: 1 });
    expect(all.facets.organisation).toEqual({ [recife.id]: 3, [lima.id]: 2 });
    expect(all.facets.language).toEqual({ pt: 2, en: 1, es: 2, qu: 1, ay: 1 });
    expect(all.organisations.map((o) => o.name).sort()).toEqual(['Colectivo Techo Lima', 'Instituto Moradia Recife']);

    const brazil = await search(outsider, 'country=BR');
    expect(names(brazil)).toEqual(['Fernanda Oliveira', 'Gabriela Ferreira']);
    // Disjunctive: the country counts still show the other countries.
    expect(brazil.facets.country).toEqual({ BR: 2, PE: 2, BO: 1 });
    expect(brazil.facets.theme).toEqual({ rental_housing: 1, evictions: 1 });

    expect(names(await search(outsider, `organisation=${lima.id}`))).toEqual(['Ana Admin', 'Javier Huamán']);
    expect(names(await search(outsider, 'language=es&country=PE'))).toEqual(['Javier Huamán', 'Rosa Mamani']);
    expect(names(await search(outsider, 'theme=evictions&country=PE'))).toEqual([]);
    expect(names(await search(outsider, 'q=clima&country=PE'))).toEqual(['Javier Huamán']);
  });

  it('shows a profile kept to its organisations only to people of those organisations, to its person and to coordinators', async () => {
    expect(names(await search(people.fernanda, 'q=Juliana'))).toEqual(['Juliana Ribeiro']);
    expect(names(await search(people.juliana, 'q=Juliana'))).toEqual(['Juliana Ribeiro']);
    expect(names(await search(coordinator, 'q=Juliana'))).toEqual(['Juliana Ribeiro']);
    expect(names(await search(people.javier, 'q=Juliana'))).toEqual([]);
    expect(names(await search(outsider, 'q=Juliana'))).toEqual([]);
    // Nor do her facets count for outsiders.
    expect((await search(outsider, 'theme=data_monitoring')).total).toBe(0);
    expect((await search(people.gabriela, 'theme=data_monitoring')).total).toBe(1);
  });

  it('follows changes: a new visibility, leaving an organisation', async () => {
    await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: people.juliana.cookie, payload: { visibility: 'members' } });
    await t.hub.search.drain();
    expect(names(await search(outsider, 'q=Juliana'))).toEqual(['Juliana Ribeiro']);
    await t.request({ method: 'DELETE', url: `/api/organisations/${lima.slug}/members/${people.javier.id}`, cookie: people.javier.cookie });
    await t.hub.search.drain();
    expect((await search(outsider, '')).facets.organisation).toEqual({ [recife.id]: 4, [lima.id]: 1 });
    await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: people.juliana.cookie, payload: { visibility: 'organisations' } });
    await t.hub.search.drain();
  });

  it('keeps hostile input a literal value', async () => {
    const q = encodeURIComponent('" OR visibility = "organisations');
    const hostile = await search(outsider, `q=${q}`);
    expect(hostile.status).toBe(200);
    expect(names(hostile)).not.toContain('Juliana Ribeiro');
    expect((await search(outsider, `organisation=${encodeURIComponent('x" OR id != "y')}`)).status).toBe(400);
    expect((await search(outsider, 'country=ZZ')).status).toBe(400);
    const filter = visibilityFilter({ id: 'a"b', role: 'member', emailVerified: true }, ['o"1'], 1000);
    expect(filter).toBe(
      '(NOT suspendedUntil > 1000) AND ((visibility IN ["everyone", "members"]) OR (visibility = "organisations" AND audienceOrganisations IN ["o\\"1"]) OR (id = "a\\"b"))'
    );
  });

  it('is rebuilt from Postgres by a reindex', async () => {
    const [result] = await t.hub.search.reindex('people');
    expect(result).toMatchObject({ documents: expect.any(Number) });
    expect(names(await search(outsider, 'q=clima'))).toEqual(['Javier Huamán']);
  });

  it('puts people with my themes on my home, as the directory would show them', async () => {
    await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: outsider.cookie, payload: { themes: ['climate_resilience', 'evictions'] } });
    await t.hub.search.drain();
    const response = await t.request({ method: 'GET', url: '/api/me/home', cookie: outsider.cookie });
    const section = (response.json().sections as Array<{ key: string; total: number; href: string; items: Array<{ title: string; href: string }> }>).find(
      (s) => s.key === 'peopleWithMyThemes'
    );
    // Not Juliana (climate, but kept to her organisation), not the outsider themself.
    expect(section?.items.map((i) => i.title).sort()).toEqual(['Gabriela Ferreira', 'Javier Huamán']);
    expect(section).toMatchObject({ total: 2, href: '/people?theme=climate_resilience&theme=evictions' });
    expect(section?.items.find((i) => i.title === 'Javier Huamán')?.href).toBe(`/people/${people.javier.id}`);
    // Her colleague sees her there.
    await t.request({ method: 'PATCH', url: '/api/me/profile', cookie: people.fernanda.cookie, payload: { themes: ['data_monitoring'] } });
    const colleague = await t.request({ method: 'GET', url: '/api/me/home', cookie: people.fernanda.cookie });
    expect(colleague.json().sections.find((s: { key: string }) => s.key === 'peopleWithMyThemes')?.items.map((i: { title: string }) => i.title)).toEqual([
      'Juliana Ribeiro'
    ]);
  });
});
