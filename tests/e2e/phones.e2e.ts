import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signedInPage } from './support/accounts';
import { createAdmin } from './support/admin';
import { applyForOrganisation, approveOrganisation, type OrganisationDetails } from './support/organisations';

/**
 * The hub on a phone: no page scrolls sideways at 320 px (the narrowest phone still in use),
 * every section of the header is visible inside the screen, and the directory shows its
 * first result on the first screen, with the filters folded into a panel that says how many
 * are active and works without JavaScript.
 *
 * Set E2E_SCREENSHOTS to a folder to keep a full-page PNG of every page checked.
 */

const narrow = { width: 320, height: 640 };
const screenshots = process.env.E2E_SCREENSHOTS;

/** The page's widths after loading `path`, and a screenshot when asked for. */
async function widths(page: Page, path: string, label: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${label} ${path}`).toBeLessThan(400);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    const name = `${label}-${page.viewportSize()?.width}${path.replace(/[^a-z0-9]+/gi, '-')}.png`;
    await page.screenshot({ path: join(screenshots, name), fullPage: true });
  }
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

/** Every link and button of the header, with where it sits: each must be inside the screen. */
async function headerControlsOutside(page: Page): Promise<string[]> {
  const width = page.viewportSize()?.width ?? 0;
  const controls = page.locator('header.site-header').locator('a:not(.skip-link), button, select');
  const outside: string[] = [];
  for (const control of await controls.all()) {
    const box = await control.boundingBox();
    const name = (await control.innerText().catch(() => '')) || ((await control.getAttribute('href')) ?? '?');
    if (!box || !(await control.isVisible())) outside.push(`${name}: not visible`);
    else if (box.x < 0 || box.x + box.width > width) outside.push(`${name}: ${Math.round(box.x)}–${Math.round(box.x + box.width)} px`);
  }
  return outside;
}

// The longest strings a profile shows: 300-character website limit, a long address.
const longWinded: OrganisationDetails & { website: string } = {
  countries: ['PY'],
  hqCity: 'Asunción',
  hqCountry: 'PY',
  contactEmail: 'coordinacion.general.de.vivienda.cooperativa.banados.sur@asociacion-de-vivienda-cooperativa-de-los-banados-de-asuncion.example.org',
  description: 'Vivienda cooperativa en los bañados de Asunción, con un sitio y un correo muy largos.',
  website: `https://www.asociaciondeviviendacooperativadelosbanadosdeasuncionparaguay.example.org/${'proyectos-de-mejoramiento-de-asentamientos-informales/'.repeat(3)}`
};

test('no page scrolls sideways at 320 px, and every section of the header is inside the screen', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const admin = await createAdmin();
  const adminPage = await signedInPage(browser, admin, { viewport: narrow });
  const organisation = await applyForOrganisation(adminPage, baseURL!, `Bañados ${Date.now()}`, longWinded);
  await approveOrganisation(baseURL!, organisation.slug);

  const visitorContext = await browser.newContext({ locale: 'es-AR', viewport: narrow });
  const visitorPage = await visitorContext.newPage();
  const profile = `/organisations/${organisation.slug}`;
  // A demo resource: the library's pages carry long titles, a citation box and facets.
  const newest = (await (await visitorPage.request.get('/api/library/newest?limit=1')).json()) as { items: Array<{ slug: string }> };
  const resource = newest.items[0] ? `/library/${newest.items[0].slug}` : '/library';
  const visits: Array<[Page, string, string[]]> = [
    [visitorPage, 'visitor', ['/', '/organisations', profile, '/sign-in', '/sign-up', '/forgot-password', '/library', '/library?q=vivenda&country=CO', resource]],
    [
      adminPage,
      'admin',
      [
        '/',
        '/organisations',
        profile,
        '/organisations/apply',
        '/organisations/mine',
        '/account',
        '/notifications',
        '/admin/users',
        '/admin/organisations',
        '/admin/jobs',
        `/admin/organisations/${organisation.slug}/audit`,
        '/library/new',
        '/library/mine',
        '/library/review',
        resource,
        `${resource}/edit`
      ]
    ]
  ];

  const wide: string[] = [];
  const header: string[] = [];
  for (const [page, label, paths] of visits) {
    for (const path of paths) {
      const { scroll, client } = await widths(page, path, label);
      if (scroll > client) wide.push(`${label} ${path}: ${scroll} px wide in ${client} px`);
      for (const problem of await headerControlsOutside(page)) header.push(`${label} ${path}: ${problem}`);
    }
  }
  expect(wide).toEqual([]);
  expect(header).toEqual([]);

  // The long address and website are on the profile, wrapped rather than cut.
  await visitorPage.goto(profile);
  await expect(visitorPage.getByRole('main')).toContainText(longWinded.contactEmail);

  // Each section of the navigation is a visible link that leads to it.
  const nav = visitorPage.getByRole('navigation', { name: 'Secciones' });
  for (const name of ['Debates', 'Eventos', 'Biblioteca', 'Organizaciones']) {
    await expect(nav.getByRole('link', { name })).toBeInViewport({ ratio: 1 });
  }
  await nav.getByRole('link', { name: 'Organizaciones' }).click();
  await expect(visitorPage).toHaveURL(/\/organisations$/);
  await visitorContext.close();
  await adminPage.context().close();
});

test('on a 390 px phone the directory shows a result first; the filter panel counts active filters without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-AR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await widths(page, '/organisations', 'visitor');

  const panel = page.locator('details.filter-panel');
  const summary = panel.locator('summary');
  await expect(summary).toHaveText('Filtros (activos: 0)');
  const firstCard = page.locator('main .cards > li').first();
  expect((await firstCard.boundingBox())?.y).toBeLessThan(900);

  // Opened from the keyboard; two filters chosen in it, sent by the plain GET form.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('open', '');
  await panel.locator('fieldset').nth(1).locator('input[type=checkbox]').first().check();
  await panel.locator('fieldset').nth(2).locator('input[type=checkbox]').first().check();
  await panel.getByRole('button', { name: 'Aplicar filtros' }).click();
  await expect(page).toHaveURL(/country=.*theme=|theme=.*country=/);
  await expect(summary).toHaveText('Filtros (activos: 2)');
  await expect(page.locator('main h2#results-title')).toBeVisible();
  const top = (await page.locator('main h2#results-title').boundingBox())?.y;
  expect(top).toBeLessThan(900);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'visitor-390-filtered.png'), fullPage: true });
  await context.close();
});
