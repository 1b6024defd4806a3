import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { createSearchEngine } from '@mutirao/search';
import { libraryFixtures, minimalPdf } from './library.fixtures';
import { resourcesIndex } from './library.search';
import { libraryModule } from './library.module';
import { organisationFixtures } from '../organisations/organisations.fixtures';

let t: TestHub;
let coordinator: TestUser;
let member: TestUser;
let other: TestUser;
beforeAll(async () => {
  t = await createTestHub();
  coordinator = await t.createUser({ role: 'coordinator' });
  member = await t.createUser({ name: 'Marta Integrante' });
  other = await t.createUser();
});
afterAll(async () => {
  await t?.close();
});

const { create, upload, step, published, search } = libraryFixtures(() => ({ t, coordinator }));
const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const get = (slug: string, person?: TestUser) => t.request({ method: 'GET', url: `/api/library/resources/${slug}`, cookie: person?.cookie });

describe('contributions and review', () => {
  it('keeps a draft to its submitter and coordinators, then takes it through changes requested to published', async () => {
    const draft = await create(member, { title: 'Cooperativas de vivienda por ayuda mutua' });
    expect(draft.status).toBe('draft');
    expect((await get(draft.slug)).statusCode).toBe(404);
    expect((await get(draft.slug, other)).statusCode).toBe(404);
    expect((await get(draft.slug, member)).statusCode).toBe(200);
    expect((await get(draft.slug, coordinator)).statusCode).toBe(200);
    // Another member may not even learn it exists, so no 403 either.
    const edit = await t.request({ method: 'PATCH', url: `/api/library/resources/${draft.slug}`, cookie: other.cookie, payload: { year: 2020 } });
    expect(edit.statusCode).toBe(404);

    expect((await step(member, draft.slug, 'submit')).json().resource.status).toBe('pending');
    // The submitter cannot approve their own contribution.
    expect((await step(member, draft.slug, 'publish')).statusCode).toBe(403);
    const queue = await t.request({ method: 'GET', url: '/api/library/review', cookie: coordinator.cookie });
    expect(queue.json().items.map((i: { slug: string }) => i.slug)).toContain(draft.slug);

    const sentBack = await step(coordinator, draft.slug, 'request-changes', 'Falta la licencia del documento original.');
    expect(sentBack.json().resource).toMatchObject({ status: 'changes_requested', reviewNote: 'Falta la licencia del documento original.' });
    const told = (await t.request({ method: 'GET', url: '/api/me/notifications', cookie: member.cookie })).json().items;
    expect(told[0]).toMatchObject({ kind: 'resource.changes_requested', data: { slug: draft.slug, reason: 'Falta la licencia del documento original.' } });
    const mine = await t.request({ method: 'GET', url: '/api/me/library', cookie: member.cookie });
    expect(mine.json().items.find((i: { slug: string }) => i.slug === draft.slug)).toMatchObject({
      status: 'changes_requested',
      reviewNote: 'Falta la licencia del documento original.'
    });

    const fixed = await t.request({ method: 'PATCH', url: `/api/library/resources/${draft.slug}`, cookie: member.cookie, payload: { licence: 'cc-by-sa-4.0' } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await step(member, draft.slug, 'submit')).json().resource).toMatchObject({ status: 'pending', reviewNote: null });
    expect((await step(coordinator, draft.slug, 'publish')).json().resource.status).toBe('published');

    const page = await get(draft.slug);
    expect(page.statusCode).toBe(200);
    expect(page.json().resource).toMatchObject({ licence: 'cc-by-sa-4.0', reviewNote: null, summaryHtml: '<p>Un resumen <strong>breve</strong> del documento.</p>' });
    await t.hub.search.drain();
    expect((await search('q=ayuda%20mutua')).items.map((i) => i.slug)).toContain(draft.slug);
  });

  it('never shows a rejected or a draft resource in search or at its address', async () => {
    const rejected = await create(member, { title: 'Hábitat rechazado de prueba' });
    await step(member, rejected.slug, 'submit');
    expect((await step(coordinator, rejected.slug, 'reject', 'No trata de vivienda.')).json().resource.status).toBe('rejected');
    const draft = await create(member, { title: 'Hábitat borrador de prueba' });
    // Withdrawn after publication: out of the index again.
    const withdrawn = await published(member, { title: 'Hábitat retirado de prueba' });
    expect((await step(coordinator, withdrawn.slug, 'reject', 'Duplicado.')).statusCode).toBe(200);
    await t.hub.search.drain();
    const found = (await search('q=h%C3%A1bitat%20prueba&pageSize=50')).items.map((i) => i.slug);
    for (const slug of [rejected.slug, draft.slug, withdrawn.slug]) {
      expect(found).not.toContain(slug);
      expect((await get(slug)).statusCode).toBe(404);
      expect((await get(slug, other)).statusCode).toBe(404);
    }
    // The rejected resource is no longer the submitter's to edit.
    const edit = await t.request({ method: 'PATCH', url: `/api/library/resources/${rejected.slug}`, cookie: member.cookie, payload: { year: 2020 } });
    expect(edit.statusCode).toBe(403);
  });

  it('refuses a submit from the wrong status with a clear problem, and bad fields by name', async () => {
    const resource = await published(member, { title: 'Publicado una vez' });
    const again = await step(member, resource.slug, 'submit');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_resource_status');
    const bad = await t.request({
      method: 'POST',
      url: '/api/library/resources',
      cookie: member.cookie,
      payload: { title: 'Sin país', summary: 'x', type: 'report', languages: ['es'], year: 2020, licence: 'cc-by-4.0', countries: [] }
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ field: 'body.countries', code: 'required' })]);
  });
});

describe('files', () => {
  it('finds a misspelt word that appears only inside the PDF, and serves the file as an attachment, counting the download', async () => {
    const resource = await published(
      member,
      { title: 'Estudio de barrios del sur', summary: 'Resumen sin la palabra clave.' },
      { text: ['La cartografía identificó quebradas y laderas inestables en Ciudad Bolívar.'] }
    );
    await t.drainJobs();
    await t.hub.search.drain();
    const result = await search('q=quebrdas');
    const hit = result.items.find((i) => i.slug === resource.slug);
    expect(hit, 'found by a word inside the PDF, misspelt').toBeDefined();
    expect(hit!.snippetFrom).toBe('text');
    expect(hit!.snippet.find((p) => p.match)?.text.toLowerCase()).toMatch(/^quebrada/);

    const page = (await get(resource.slug)).json().resource;
    expect(page.files).toHaveLength(1);
    expect(page.files[0]).toMatchObject({ kind: 'pdf', extraction: 'done', mediaType: 'application/pdf' });
    expect(page.coverUrl).toMatch(/^\/api\/library\/resources\/.+\/cover\?v=/);
    const download = await t.request({ method: 'GET', url: page.files[0].url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="documento\.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(resource.slug)).json().resource.downloadCount).toBe(1);
    const cover = await t.request({ method: 'GET', url: page.coverUrl });
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/webp');
  });

  it('refuses a "PDF" whose bytes are an executable or a web page, and stores nothing', async () => {
    const resource = await create(member);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
    for (const bytes of [exe, html]) {
      const response = await upload(member, resource.slug, 'informe.pdf', bytes);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_file', fields: [expect.objectContaining({ field: 'file', code: 'mismatch' })] });
    }
    // HTML under a CSV name is refused too; a real CSV is taken.
    expect((await upload(member, resource.slug, 'datos.csv', html, 'text/csv')).statusCode).toBe(400);
    const csv = await upload(member, resource.slug, 'datos.csv', Buffer.from('ciudad,unidades\nLima,120\n'), 'text/csv');
    expect(csv.statusCode, csv.body).toBe(201);
    expect((await get(resource.slug, member)).json().resource.files.map((f: { kind: string }) => f.kind)).toEqual(['csv']);
  });

  it('keeps the earlier version when a published resource’s file is replaced', async () => {
    const resource = await published(member, { title: 'Con versiones' }, { text: ['Primera versión del texto.'] });
    const first = (await get(resource.slug)).json().resource.files[0];
    const second = await upload(member, resource.slug, 'v2.pdf', minimalPdf('Con versiones', ['Segunda versión corregida.']), 'application/pdf', `?replaces=${first.id}`);
    expect(second.statusCode, second.body).toBe(201);
    const page = (await get(resource.slug)).json().resource;
    expect(page.files.map((f: { version: number }) => f.version)).toEqual([2]);
    expect(page.earlierFiles.map((f: { id: string }) => f.id)).toEqual([first.id]);
    expect((await t.request({ method: 'GET', url: first.url })).statusCode).toBe(200);
  });

  it('refuses an oversize upload before the body has been read', async () => {
    const resource = await create(member);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const boundary = 'oversize';
    const total = 150 * 1024 * 1024;
    const result = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/library/resources/${resource.slug}/files`,
          // Chunked, so no declared length gives it away: the multipart limit must stop it.
          headers: { host: 'localhost:3000', origin: 'http://localhost:3000', cookie: member.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
          req.destroy();
        }
      );
      req.on('error', (err) => (sent < total ? undefined : reject(err)));
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.sent).toBeLessThan(total);
    const declared = await t.request({
      method: 'POST',
      url: `/api/library/resources/${resource.slug}/files`,
      cookie: member.cookie,
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(total) },
      payload: Buffer.from('--x--')
    });
    expect([413]).toContain(declared.statusCode);
  });

  it('fails the job of a malformed PDF visibly, and the worker goes on with the next file', async () => {
    const resource = await create(member);
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF', 'latin1');
    expect((await upload(member, resource.slug, 'roto.pdf', broken)).statusCode).toBe(201);
    expect((await upload(member, resource.slug, 'bueno.pdf', minimalPdf('Bueno', ['Texto legible.']))).statusCode).toBe(201);
    for (let i = 0; i < 4; i++) {
      await t.drainJobs();
      await new Promise((r) => setTimeout(r, 50));
    }
    const files = (await get(resource.slug, member)).json().resource.files as Array<{ filename: string; extraction: string }>;
    expect(Object.fromEntries(files.map((f) => [f.filename, f.extraction]))).toEqual({ 'roto.pdf': 'failed', 'bueno.pdf': 'done' });
    // Kept for the admins, with what went wrong.
    const failed = await t.jobs.listFailed({ page: 1, pageSize: 50 });
    const roto = files.find((f) => f.filename === 'roto.pdf') as unknown as { id: string };
    expect(failed.items.find((j) => j.summary.includes(roto.id))).toMatchObject({ kind: 'library.extract', error: expect.any(String) });
  });
});

describe('search', () => {
  beforeAll(async () => {
    await published(member, { title: 'Política de vivienda social en Bogotá', themes: ['social_housing'], countries: ['CO'], year: 2021, publisherName: 'Alcaldía "Mayor" OR type = report' });
    await published(member, {
      title: 'Mejoramiento de asentamientos informales en Lima',
      countries: ['PE'],
      type: 'case_study',
      year: 2019,
      publisherName: 'Red Hábitat'
    });
    await published(member, {
      title: 'Programa de aluguel social em São Paulo',
      summary: 'Auxílio para famílias inquilinas de baixa renda.',
      countries: ['BR'],
      languages: ['pt'],
      type: 'policy_brief',
      year: 2022,
      publisherName: 'Instituto Cidade'
    });
    await t.hub.search.drain();
  });

  it('finds misspelt words: "vivenda" and "asentamentos"', async () => {
    expect((await search('q=vivenda')).items.map((i) => i.title.map((p) => p.text).join(''))).toContain('Política de vivienda social en Bogotá');
    const asentamentos = await search('q=asentamentos');
    expect(asentamentos.items.map((i) => i.title.map((p) => p.text).join(''))).toContain('Mejoramiento de asentamientos informales en Lima');
    // Titles come back in pieces, the matched word marked, never as HTML.
    expect(asentamentos.items[0]!.title.find((p) => p.match)?.text).toMatch(/^asentamiento/);
  });

  it('finds a Portuguese resource from a Spanish query through the synonyms', async () => {
    const found = await search('q=alquiler');
    expect(found.items.map((i) => i.title.map((p) => p.text).join(''))).toContain('Programa de aluguel social em São Paulo');
  });

  it('filters with facet counts, and a filter value with quotes and operators stays one literal value', async () => {
    const peru = await search('country=PE');
    expect(peru.items.every((i) => i.slug.includes('lima'))).toBe(true);
    expect(peru.facets.country).toMatchObject({ PE: 1, CO: expect.any(Number), BR: 1 });
    const hostile = await search(`publisher=${encodeURIComponent('x" OR type = "report')}`);
    expect(hostile.total).toBe(0);
    const exact = await search(`publisher=${encodeURIComponent('Alcaldía "Mayor" OR type = report')}`);
    expect(exact.total).toBe(1);
  });
});

describe('search at scale', () => {
  it('pages by one hit more than the page: a next page only when one exists, and the count exact once the last page is seen', async () => {
    for (let i = 1; i <= 5; i++) await published(member, { title: `Catastro multifinalitario tomo ${i}`, countries: ['EC'] });
    await t.hub.search.drain();
    const first = await search('q=catastro%20multifinalitario&pageSize=2');
    expect(first.items).toHaveLength(2);
    expect(first).toMatchObject({ page: 1, hasNext: true });
    // Meilisearch's estimate, never below what one hit more than the page proves.
    expect(first.total).toBeGreaterThanOrEqual(3);
    const last = await search('q=catastro%20multifinalitario&pageSize=2&page=3');
    expect(last.items).toHaveLength(1);
    // The last page proves the count: never "about" there.
    expect(last).toMatchObject({ page: 3, hasNext: false, total: 5, totalIsEstimate: false, totalPages: 3 });
    const exactly = await search('q=catastro%20multifinalitario&pageSize=5');
    expect(exactly).toMatchObject({ hasNext: false, total: 5, totalIsEstimate: false });
    // Without words every filtered resource is a candidate, so Meilisearch's count is exact.
    const browse = await search('country=EC&pageSize=2');
    expect(browse).toMatchObject({ hasNext: true, totalIsEstimate: false });
    expect(browse.total).toBeGreaterThanOrEqual(5);
    expect(new Set([...first.items, ...(await search('q=catastro%20multifinalitario&pageSize=2&page=2')).items, ...last.items].map((i) => i.slug)).size).toBe(5);
  });

  it('finds a word deep in a long document, and cuts the snippet from the text’s first pages only', async () => {
    const filler = Array.from({ length: 60 }, (_, i) => `Parrafo ${i} de relleno sobre presupuestos municipales y catastro urbano.`);
    const early = await published(member, { title: 'Manual de techos verdes', summary: 'Guía práctica.' }, { text: ['Los techos ajardinados reducen el calor.', ...filler] });
    const deep = await published(member, { title: 'Anuario de obras', summary: 'Compendio anual de obras públicas.' }, { text: [...filler, 'Al final se describen las palafitas del estuario.'] });
    await t.drainJobs();
    await t.hub.search.drain();
    const atStart = (await search('q=ajardinados')).items.find((i) => i.slug === early.slug);
    expect(atStart?.snippetFrom).toBe('text');
    expect(atStart?.snippet.find((p) => p.match)?.text.toLowerCase()).toMatch(/^ajardinados/);
    // Over 3,000 characters in: found through the whole text, shown with its summary.
    const further = (await search('q=palafitas')).items.find((i) => i.slug === deep.slug);
    expect(further, 'found by a word past the snippet source').toBeDefined();
    expect(further!.snippetFrom).toBe('summary');
    expect(further!.snippet.map((p) => p.text).join('')).toBe('Compendio anual de obras públicas.');
  });

  it('gives the index the settings chosen for latency, besides the ranked attributes', async () => {
    const settings = await t.hub.search.client.index(t.hub.search.indexName('resources')).getSettings();
    expect(settings.searchableAttributes).toEqual(['title', 'summary', 'authors', 'publisher', 'text', 'themeNames']);
    expect(settings).toMatchObject({ proximityPrecision: 'byAttribute', facetSearch: false, typoTolerance: { enabled: true, disableOnNumbers: true } });
  });

  it('brings an index made with the earlier settings up to date when settings are applied, as a hub does at start', async () => {
    const index = t.hub.search.client.index(t.hub.search.indexName('resources'));
    await index.updateSettings({ proximityPrecision: 'byWord', facetSearch: true, typoTolerance: { disableOnNumbers: false } }).waitTask();
    expect(await index.getSettings()).toMatchObject({ proximityPrecision: 'byWord', facetSearch: true });
    // A hub starting with this code: its engine applies the definitions' settings to the indexes there.
    const uid = t.hub.search.indexName('resources');
    const engine = createSearchEngine({ client: t.hub.search.client, database: t.hub.database, log: silentLog, indexPrefix: uid.slice(0, -'resources'.length) });
    engine.register(resourcesIndex);
    await engine.start();
    await engine.stop();
    expect(await index.getSettings()).toMatchObject({ proximityPrecision: 'byAttribute', facetSearch: false, typoTolerance: { disableOnNumbers: true } });
    expect((await search('q=vivenda')).items.length).toBeGreaterThan(0);
  });
});

describe('citations', () => {
  it('exports BibTeX, RIS and CSL-JSON for one resource and for a selection', async () => {
    const a = await published(member, { title: 'Guía de alquiler {seguro} & justo', authors: ['Ana María Pérez', 'Luis Soto'], year: 2020 });
    const b = await published(member, { title: 'Second resource', type: 'dataset', languages: ['en'] });
    const bibtex = await t.request({ method: 'GET', url: `/api/library/resources/${a.slug}/cite?format=bibtex` });
    expect(bibtex.headers['content-type']).toMatch(/^application\/x-bibtex/);
    expect(bibtex.body).toMatch(/^@techreport\{perez2020/);
    expect(bibtex.body).toContain('title = {Guía de alquiler \\{seguro\\} \\& justo}');
    expect(bibtex.body).toContain('author = {Ana María Pérez and Luis Soto}');
    const ris = await t.request({ method: 'GET', url: `/api/library/resources/${a.slug}/cite?format=ris` });
    expect(ris.body).toContain('TY  - RPRT\r\n');
    expect(ris.body).toContain('AU  - Pérez, Ana María\r\n');
    const csl = await t.request({ method: 'GET', url: `/api/library/cite?slug=${a.slug}&slug=${b.slug}&slug=nobody-has-this&format=csl` });
    const items = JSON.parse(csl.body) as Array<{ id: string; type: string; issued: unknown }>;
    expect(items.map((i) => [i.id, i.type])).toEqual([
      [a.slug, 'report'],
      [b.slug, 'dataset']
    ]);
    const draft = await create(member);
    expect((await t.request({ method: 'GET', url: `/api/library/resources/${draft.slug}/cite` })).statusCode).toBe(404);
  });
});

describe('across the hub', () => {
  it('lists a member organisation’s resources on its profile, the newest on the home page, and a person’s on theirs', async () => {
    const orgs = organisationFixtures(() => ({ t, coordinator }));
    const { org, admin } = await orgs.approvedOrganisation({ themes: ['rental_housing'] });
    const resource = await published(admin, { title: 'Alquiler social publicado por una organización', publisherOrganisation: org.slug, themes: ['rental_housing'] });
    const list = await t.request({ method: 'GET', url: `/api/library/publishers/${org.slug}` });
    expect(list.json().items.map((i: { slug: string }) => i.slug)).toEqual([resource.slug]);
    expect((await get(resource.slug)).json().resource.publisher).toMatchObject({ name: org.name, organisation: { slug: org.slug } });
    const newest = await t.request({ method: 'GET', url: '/api/library/newest?limit=3' });
    expect(newest.json().items[0].slug).toBe(resource.slug);

    const actor = { id: admin.id, role: 'member' as const, emailVerified: true };
    const home = await libraryModule.homeSections(t.hub, actor);
    expect(home.find((s) => s.key === 'newResourcesInMyThemes')?.items.map((i) => i.href)).toEqual([`/library/${resource.slug}`]);
    expect(home.find((s) => s.key === 'mySubmissions')?.total).toBe(1);
    expect(home.some((s) => s.key === 'resourcesToReview')).toBe(false);
    const staff = await libraryModule.homeSections(t.hub, { id: coordinator.id, role: 'coordinator', emailVerified: true });
    expect(staff.find((s) => s.key === 'resourcesToReview')).toBeDefined();
    const profile = await libraryModule.profileSections(t.hub, null, admin.id);
    expect(profile).toEqual([expect.objectContaining({ key: 'resources', total: 1 })]);
  });
});
