import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postImages } from '@mutirao/db';
import { createTestHub, type TestHub, type TestUser } from '../../../../../tests/fixtures/harness';
import { multipart } from '../organisations/organisations.fixtures';
import { discussionsModule } from './discussions.module';

let t: TestHub;
let member: TestUser;
let unverified: TestUser;

beforeAll(async () => {
  t = await createTestHub();
  member = await t.createUser({ name: 'Ana Imagens' });
  unverified = await t.createUser({ name: 'Nadie Confirmado' });
  await t.hub.db.execute(sql`update users set created_at = now() - interval '2 days'`);
  await t.hub.db.execute(sql`update users set email_verified_at = null where id = ${unverified.id}`);
});
afterAll(async () => {
  await t?.close();
});

const upload = (user: TestUser | undefined, bytes: Buffer, filename = 'plano do bairro.png', type = 'image/png') =>
  t.request({ method: 'POST', url: '/api/images', cookie: user?.cookie, ...multipart('image', filename, type, bytes) });

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 30 } } }).png().toBuffer();

async function uploaded(bytes: Buffer, filename?: string) {
  const response = await upload(member, bytes, filename);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; url: string; markdown: string; width: number; height: number };
}

async function newThread(body: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/threads',
    cookie: member.cookie,
    payload: { kind: 'discussion', title: `Fotos del barrio ${Math.random()}`, body, theme: 'housing_finance', language: 'es' }
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().thread.id as string;
}

describe('uploading images for posts', () => {
  it('refuses visitors (401) and members whose email is not confirmed (403), storing nothing', async () => {
    const bytes = await png(20, 20);
    const visitor = await upload(undefined, bytes);
    expect([visitor.statusCode, visitor.json().code]).toEqual([401, 'unauthenticated']);
    const early = await upload(unverified, bytes);
    expect([early.statusCode, early.json().code]).toEqual([403, 'email_not_verified']);
    expect(await t.hub.db.select().from(postImages)).toEqual([]);
  });

  it('refuses more than 5 MB with 413 image_too_large, also when the length is not declared', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 7);
    const declared = await upload(member, big);
    expect([declared.statusCode, declared.json().code]).toEqual([413, 'image_too_large']);
    expect(declared.json().fields[0].field).toBe('image');
    // Without a Content-Length (chunked), the multipart limit stops reading at 5 MB.
    const { payload, headers } = multipart('image', 'big.png', 'image/png', big);
    const chunked = await t.request({ method: 'POST', url: '/api/images', cookie: member.cookie, headers: { ...headers, 'transfer-encoding': 'chunked' }, payload });
    expect([chunked.statusCode, chunked.json().code]).toEqual([413, 'image_too_large']);
  });

  it('reads the format from the bytes: HTML or an executable named .png is 415 invalid_image', async () => {
    const html = await upload(member, Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'photo.png');
    expect([html.statusCode, html.json().code, html.json().fields[0].field]).toEqual([415, 'invalid_image', 'image']);
    const exe = await upload(member, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]), 'photo.png');
    expect([exe.statusCode, exe.json().code]).toEqual([415, 'invalid_image']);
    const empty = await upload(member, Buffer.alloc(0), 'photo.png');
    expect([empty.statusCode, empty.json().code]).toEqual([415, 'invalid_image']);
    expect(await t.hub.db.select().from(postImages)).toEqual([]);
  });

  it('re-encodes a PNG as WebP at 800 and 1600 wide, served with a year of caching', async () => {
    const image = await uploaded(await png(2000, 1000), 'plano do bairro.png');
    expect(image).toMatchObject({ url: `/api/images/${image.id}/800.webp`, markdown: `![plano do bairro](/api/images/${image.id}/800.webp)`, width: 800, height: 400 });
    for (const [file, width, height] of [['800.webp', 800, 400], ['1600.webp', 1600, 800]] as const) {
      const served = await t.request({ method: 'GET', url: `/api/images/${image.id}/${file}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers).toMatchObject({ 'content-type': 'image/webp', 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=31536000, immutable' });
      expect(await sharp(served.rawPayload).metadata()).toMatchObject({ format: 'webp', width, height });
    }
    const [row] = await t.hub.db.select().from(postImages).where(eq(postImages.id, image.id));
    expect(row).toMatchObject({ uploaderId: member.id, width: 800, height: 400, largeWidth: 1600, usedAt: null });
    expect((await t.request({ method: 'GET', url: `/api/images/${image.id}/640.webp` })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: `/api/images/${crypto.randomUUID()}/800.webp` })).statusCode).toBe(404);
  });

  it('never enlarges a small image', async () => {
    const image = await uploaded(await png(300, 200));
    expect([image.width, image.height]).toEqual([300, 200]);
    const large = await t.request({ method: 'GET', url: `/api/images/${image.id}/1600.webp` });
    expect(await sharp(large.rawPayload).metadata()).toMatchObject({ width: 300, height: 200 });
  });

  it('rasterises an SVG with a script: what is served is a WebP with no script in it', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><script>alert(document.cookie)</script><rect width="400" height="200" fill="#0a5"/><a href="javascript:alert(1)"><text y="50">x</text></a></svg>'
    );
    const response = await upload(member, svg, 'diagram.svg', 'image/svg+xml');
    expect(response.statusCode, response.body).toBe(201);
    const served = await t.request({ method: 'GET', url: response.json().url });
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(served.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(served.rawPayload.toString('latin1')).not.toMatch(/script|alert|<svg/i);
  });
});

describe('images in posts', () => {
  it('shows the hub’s own images with their size and a 2x variant; hot-linked and unknown ones are dropped', async () => {
    const image = await uploaded(await png(2000, 1000), 'fachada.png');
    const unknown = `/api/images/${crypto.randomUUID()}/800.webp`;
    const id = await newThread(`Antes:\n\n${image.markdown}\n\n![x](https://evil.example/x.png) ![otra](${unknown})`);
    const page = (await t.request({ method: 'GET', url: `/api/threads/${id}` })).json();
    const html = page.opening.html as string;
    expect(html).toContain(
      `<img src="/api/images/${image.id}/800.webp" alt="fachada" loading="lazy" decoding="async" width="800" height="400" srcset="/api/images/${image.id}/1600.webp 2x" />`
    );
    expect(html).not.toContain('evil.example');
    expect(html).toContain('<span>x</span>');
    expect(html).toContain('<span>otra</span>');
    expect(html.match(/<img/g)).toHaveLength(1);
    // A reply gets the same treatment.
    const reply = await t.request({ method: 'POST', url: `/api/threads/${id}/posts`, cookie: member.cookie, payload: { body: '![y](http://evil.example/y.png)' } });
    expect(reply.json().post.html).toBe('<p><span>y</span></p>');
    // And the editor's preview.
    const preview = await t.request({ method: 'POST', url: '/api/posts/preview', cookie: member.cookie, payload: { body: `${image.markdown} ![z](//evil.example/z.png)` } });
    expect(preview.json().html).toContain(`width="800" height="400"`);
    expect(preview.json().html).not.toContain('evil.example');
  });

  it('lists a person’s images in their data export', async () => {
    const image = await uploaded(await png(100, 100));
    const data = (await t.request({ method: 'GET', url: '/api/me/export', cookie: member.cookie })).json();
    expect(data.sections.discussions.images).toContainEqual(expect.objectContaining({ id: image.id, url: image.url, width: 100, height: 100 }));
  });

  it('housekeeping removes images no post used after a day, files and all, and keeps the rest', async () => {
    const used = await uploaded(await png(120, 80));
    const unused = await uploaded(await png(120, 80));
    const fresh = await uploaded(await png(120, 80));
    await newThread(`Mira ${used.markdown}`);
    // A preview is not a post: it does not keep an image.
    await t.request({ method: 'POST', url: '/api/posts/preview', cookie: member.cookie, payload: { body: unused.markdown } });
    await t.hub.db.execute(sql`update post_images set created_at = now() - interval '25 hours' where id in (${used.id}, ${unused.id})`);

    await discussionsModule.housekeeping(t.hub);

    const left = (await t.hub.db.select({ id: postImages.id }).from(postImages)).map((r) => r.id);
    expect(left).toContain(used.id);
    expect(left).toContain(fresh.id);
    expect(left).not.toContain(unused.id);
    expect((await t.request({ method: 'GET', url: unused.url })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/images/${unused.id}/1600.webp` })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: used.url })).statusCode).toBe(200);
  });

  it('limits how many images a new account uploads in an hour', async () => {
    const newcomer = await t.createUser();
    const bytes = await png(10, 10);
    for (let i = 0; i < 10; i++) expect((await upload(newcomer, bytes)).statusCode).toBe(201);
    const eleventh = await upload(newcomer, bytes);
    expect([eleventh.statusCode, eleventh.json().code]).toEqual([429, 'rate_limited']);
  });
});
