import { expect, test } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';

/**
 * The ways to a person's profile: from one's own account page, and from an
 * organisation's staff list (only the names whose profile the viewer may open link).
 * Uses the demo organisations and people the hub seeds on its first start.
 */

test('the account page leads to the profile editor and to my own profile', async ({ browser, request, baseURL }) => {
  const account = await createVerifiedAccount(request, baseURL!, 'Irene Enlace');
  const page = await signedInPage(browser, account);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Editar mi perfil' }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Ver mi perfil' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Irene Enlace');
  await page.context().close();
});

test('a visitor follows a staff name to a public profile; names with private profiles are plain text', async ({ page, request }) => {
  // A demo organisation whose staff includes both kinds, as the API tells a visitor.
  const list = (await (await request.get('/api/organisations?pageSize=50')).json()).items as { slug: string }[];
  let found: { slug: string; open: { userId: string; name: string }; closed?: { name: string } } | undefined;
  for (const { slug } of list) {
    const staff = (await (await request.get(`/api/organisations/${slug}`)).json()).staff as { userId: string; name: string; profileVisible: boolean }[];
    const open = staff.find((s) => s.profileVisible);
    const closed = staff.find((s) => !s.profileVisible);
    if (open && (closed || !found)) found = { slug, open, closed };
    if (found?.closed) break;
  }
  expect(found, 'a demo organisation with a public staff profile').toBeDefined();
  await page.goto(`/organisations/${found!.slug}`);
  const staff = page.locator('ul.staff');
  if (found!.closed) {
    await expect(staff.locator('li', { hasText: found!.closed.name }).getByRole('link')).toHaveCount(0);
  }
  await staff.getByRole('link', { name: found!.open.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/people/${found!.open.userId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(found!.open.name);
});
