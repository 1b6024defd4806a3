import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import type { DirectoryQueryInput } from '@mutirao/shared';
import { organisationFixtures } from './organisations.fixtures';
import { searchDirectory } from './organisations.directory.service';

// A hub of its own: counts and orderings here must not see other tests' organisations.
let t: TestHub;
let coordinator: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator' });
});
afterAll(async () => {
  await t?.close();
});

const { apply, approvedOrganisation, decide, directory, profile } = organisationFixtures(() => ({ t, coordinator }));

describe('directory', () => {
  const names = {
    vivienda: 'Fundación Vivienda Digna',
    techo: 'Techo para Todos Chile',
    moradia: 'Instituto Moradia e Cidade',
    caribbean: 'Caribbean Housing Network',
    pending: 'Vivienda Pendiente Asociación',
    rejected: 'Vivienda Rechazada Colectivo',
    suspended: 'Vivienda Suspendida Cooperativa'
  };
  let slugs: Record<keyof typeof names, string>;

  beforeAll(async () => {
    const made = {
      vivienda: (await approvedOrganisation({ name: names.vivienda, countries: ['CO', 'PE'], hqCountry: 'CO', type: 'ngo', themes: ['social_housing'] })).org,
      techo: (await approvedOrganisation({ name: names.techo, countries: ['CL'], hqCountry: 'CL', type: 'community_based', themes: ['settlement_upgrading'] })).org,
      moradia: (await approvedOrganisation({ name: names.moradia, countries: ['BR'], hqCountry: 'BR', type: 'academia', themes: ['social_housing', 'land_tenure'] })).org,
      caribbean: (await approvedOrganisation({ name: names.caribbean, countries: ['JM', 'TT', 'CO'], hqCountry: 'JM', type: 'network', themes: ['climate_resilience'], descriptionLocale: 'en', description: 'Regional alliance for resilient homes.' })).org,
      pending: await apply(await t.createUser(), { name: names.pending, countries: ['CO'] }),
      rejected: await apply(await t.createUser(), { name: names.rejected, countries: ['CO'] }),
      suspended: (await approvedOrganisation({ name: names.suspended, countries: ['CO'] })).org
    };
    await decide(made.rejected.slug, 'reject', 'Not a housing organisation.');
    await decide(made.suspended.slug, 'suspend', 'Under investigation.');
    await t.hub.search.drain();
    slugs = Object.fromEntries(Object.entries(made).map(([k, v]) => [k, v.slug])) as typeof slugs;
  });

  it('finds "Vivienda" when searched as "vivenda" (typo tolerance)', async () => {
    const result = await directory('q=vivenda');
    expect(result.items.map((i) => i.name)).toContain(names.vivienda);
    expect(result.processingTimeMs).toEqual(expect.any(Number));
  });

  it('never shows pending, rejected or suspended organisations, even searched by their exact name', async () => {
    const everything = await directory('pageSize=50');
    for (const key of ['pending', 'rejected', 'suspended'] as const) {
      expect(everything.items.map((i) => i.slug)).not.toContain(slugs[key]);
      expect((await directory(`q=${encodeURIComponent(names[key])}`)).items.map((i) => i.slug)).not.toContain(slugs[key]);
      expect((await profile(slugs[key])).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/organisations/${slugs[key]}/logo` })).statusCode).toBe(404);
    }
    // The name's match ranks first; Moradia matches its theme's label "Vivienda social y pública".
    const vivienda = await directory('q=vivienda');
    expect(vivienda.items.map((i) => i.name)).toEqual([names.vivienda, names.moradia]);
  });

  it('filters by country, type and theme, with facet counts that keep the other choices visible', async () => {
    const colombia = await directory('country=CO');
    expect(colombia.items.map((i) => i.name).sort()).toEqual([names.caribbean, names.vivienda].sort());
    // The country facet ignores its own filter (so other countries stay choosable)…
    expect(colombia.facets.country).toMatchObject({ CO: 2, CL: 1, BR: 1, JM: 1, PE: 1, TT: 1 });
    // …while the other facets count within Colombia.
    expect(colombia.facets.type).toEqual({ ngo: 1, network: 1 });

    const twoCountries = await directory('country=CO&country=BR&theme=social_housing');
    expect(twoCountries.items.map((i) => i.name).sort()).toEqual([names.moradia, names.vivienda].sort());
    expect(twoCountries.facets.theme).toMatchObject({ social_housing: 2, climate_resilience: 1 });

    const network = await directory('type=network');
    expect(network.items.map((i) => i.name)).toEqual([names.caribbean]);
    expect(network.total).toBe(1);

    const none = await directory('country=CL&type=academia');
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('counts members by country among the results, under every filter, the country filter included', async () => {
    // Colombia's two members also work in Peru, Jamaica and Trinidad; Chile and Brazil are not among them.
    const colombia = await directory('country=CO');
    expect(colombia.membersByCountry).toEqual({ CO: 2, PE: 1, JM: 1, TT: 1 });
    const colombianNgos = await directory('country=CO&type=ngo');
    expect(colombianNgos.membersByCountry).toEqual({ CO: 1, PE: 1 });
    const housing = await directory('theme=social_housing');
    expect(housing.membersByCountry).toEqual({ CO: 1, PE: 1, BR: 1 });
    // Unfiltered, it is every member's countries.
    expect((await directory('')).membersByCountry).toMatchObject({ CO: 2, CL: 1, BR: 1, JM: 1, PE: 1, TT: 1 });
    expect(await directory('country=CL&type=academia')).toMatchObject({ membersByCountry: {} });
  });

  it('refuses filter values outside the taxonomy and searches filter syntax in q as words', async () => {
    const injected = await t.request({ method: 'GET', url: `/api/organisations?country=${encodeURIComponent('CO" OR type = "ngo')}` });
    expect(injected.statusCode).toBe(400);
    expect(injected.json().fields[0].field).toMatch(/^querystring\.country/);
    // Pasted into a filter this would match everything; as a query it matches no organisation's words.
    expect((await directory('pageSize=50')).total).toBeGreaterThan(0);
    const odd = await directory(`q=${encodeURIComponent('" OR 1=1 --')}`);
    expect(odd).toMatchObject({ items: [], total: 0 });
  });

  it('sorts by name or newest and pages through the results', async () => {
    const byName = await directory('sort=name&pageSize=50');
    const listed = byName.items.map((i) => i.name);
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' })));
    const newest = await directory('sort=newest&pageSize=50');
    expect(newest.items.slice(0, 2).map((i) => i.name)).toEqual([names.caribbean, names.moradia]);

    const page1 = await directory('sort=name&pageSize=2&page=1');
    const page2 = await directory('sort=name&pageSize=2&page=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(byName.total);
    expect(page1.totalPages).toBe(Math.ceil(byName.total / 2));
    expect(page2.items[0].name).toBe(listed[2]);

    const newestHome = await t.request({ method: 'GET', url: '/api/organisations/newest?limit=2' });
    expect(newestHome.json().items.map((i: { name: string }) => i.name)).toEqual([names.caribbean, names.moradia]);
  });

  it('finds organisations by the name of a country they work in, in any of the three languages', async () => {
    const jamaica = await directory('q=Jamaica');
    expect(jamaica.items.map((i) => i.name)).toContain(names.caribbean);
    const brasil = await directory('q=Brasil');
    expect(brasil.items.map((i) => i.name)).toContain(names.moradia);
  });

  it('refuses an unknown sort or a silly page', async () => {
    expect((await t.request({ method: 'GET', url: '/api/organisations?sort=random' })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/organisations?page=0' })).statusCode).toBe(400);
  });
});


/**
 * Filter values reach Meilisearch quoted and escaped (`filterIn`). These fail when
 * they are pasted in raw: unquoted, a country code that is a filter keyword is a
 * syntax error (503); quoted but unescaped, a value can close its quote and add
 * clauses of its own.
 */
describe('directory filter values are data', () => {
  const names = {
    tonga: 'Tonga Community Housing Trust',
    india: 'Mahila Housing Sewa Trust',
    jamaica: 'Kingston Shelter Collective'
  };

  beforeAll(async () => {
    await approvedOrganisation({ name: names.tonga, countries: ['TO'], hqCountry: 'TO', type: 'community_based', themes: ['climate_resilience'] });
    await approvedOrganisation({ name: names.india, countries: ['IN', 'IS'], hqCountry: 'IN', type: 'ngo', themes: ['gender'] });
    await approvedOrganisation({ name: names.jamaica, countries: ['JM'], hqCountry: 'JM', type: 'network', themes: ['rental_housing'] });
    await t.hub.search.drain();
  });

  it('finds organisations by countries whose codes are filter keywords (Tonga TO, India IN, Iceland IS)', async () => {
    const tonga = await directory('country=TO');
    expect(tonga.items.map((i) => i.name)).toEqual([names.tonga]);
    expect(tonga.facets.country).toMatchObject({ TO: 1, IN: 1, IS: 1 });
    const indiaOrIceland = await directory('country=IN&country=IS&type=ngo');
    expect(indiaOrIceland.items.map((i) => i.name)).toEqual([names.india]);
    expect(indiaOrIceland.facets.type).toMatchObject({ ngo: 1 });
  });

  // The API refuses these values at validation (above); the service must not rely on that.
  const search = (query: Record<string, string[]>) => searchDirectory(t.hub, query as unknown as DirectoryQueryInput);

  it('keeps a value that would close its quote and add clauses as one literal that matches nothing', async () => {
    expect((await search({ country: ['JM'] })).items.map((i) => i.name)).toContain(names.jamaica);
    // Unescaped: `countries IN ["ZZ", "JM"]`, Jamaica's organisations.
    expect(await search({ country: ['ZZ", "JM'] })).toMatchObject({ items: [], total: 0 });
    // Unescaped: `type IN ["x"] OR countries = "JM" OR type IN ["y"]`.
    expect(await search({ type: ['x"] OR countries = "JM" OR type IN ["y'] })).toMatchObject({ items: [], total: 0 });
    // Unescaped, the trailing backslash escapes the closing quote: a syntax error.
    expect(await search({ theme: ['rental_housing\\'] })).toMatchObject({ items: [], total: 0 });
  });
});

/**
 * The cards show theme and type labels, so people search for them. The index holds
 * the labels in es, pt and en; the codes alone (climate_resilience) matched nothing.
 */
describe('directory search by theme and type labels', () => {
  const names = {
    evictions: 'Colectivo Tierra Firme',
    rental: 'Casa Aberta Recife',
    climate: 'Manglar Vivo'
  };

  beforeAll(async () => {
    await approvedOrganisation({ name: names.evictions, countries: ['MX'], hqCountry: 'MX', type: 'community_based', themes: ['evictions'] });
    await approvedOrganisation({ name: names.rental, countries: ['BR'], hqCountry: 'BR', type: 'ngo', themes: ['rental_housing'] });
    await approvedOrganisation({ name: names.climate, countries: ['EC'], hqCountry: 'EC', type: 'network', themes: ['climate_resilience'] });
    await t.hub.search.drain();
  });

  const found = async (q: string) => (await directory(`q=${encodeURIComponent(q)}&pageSize=50`)).items.map((i) => i.name);

  it.each([
    ['clima', 'climate'],
    ['climate', 'climate'],
    ['despejos', 'evictions'],
    ['evictions', 'evictions'],
    ['desalojos', 'evictions'],
    ['aluguel', 'rental'],
    ['rental', 'rental'],
    ['alquiler', 'rental']
  ] as const)('"%s" finds the organisation working on %s, and not the others', async (q, theme) => {
    const items = await found(q);
    expect(items).toContain(names[theme]);
    for (const other of Object.keys(names) as Array<keyof typeof names>) {
      if (other !== theme) expect(items, `${q} found ${names[other]}`).not.toContain(names[other]);
    }
  });

  it("finds organisations by their type's label in any language", async () => {
    expect(await found('comunitaria')).toContain(names.evictions);
    expect(await found('universidades')).toContain('Instituto Moradia e Cidade');
    expect(await found('universidades')).not.toContain(names.rental);
  });
});
