import { expect, test, type Page } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';
import { createAdmin } from './support/admin';
import { seriousViolations } from './support/axe';

/**
 * People and roles as an admin meets them: find the demo member by name, make them a
 * coordinator (with JavaScript) and a member again (without), and see the role change;
 * a member is refused with the 403 page, a visitor is sent to sign in; axe on the page at
 * desktop and phone sizes. The interface is in Spanish (the config's locale).
 *
 * The admin is made the way an operator makes one, with `pnpm hub create-admin` against the
 * hub's database, which the test gets in E2E_DATABASE_URL (.ci/run sets it).
 */

const demoMember = { name: 'João Pereira', email: 'member@demo.mutirao.org' };

/** Searches by name and returns the demo member's row. */
async function findDemoMember(page: Page) {
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Personas y roles' })).toBeVisible();
  await page.getByRole('search').getByLabel('Nombre o correo').fill('Pereira');
  await page.getByRole('search').getByRole('button', { name: 'Buscar' }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=Pereira$/);
  await expect(page.getByRole('table')).toContainText('Personas que coinciden con «Pereira»');
  const row = page.getByRole('row').filter({ hasText: demoMember.email });
  await expect(row).toHaveCount(1);
  return row;
}

let admin: { email: string; name: string };

test.beforeAll(async () => {
  admin = await createAdmin();
});

test('an admin finds the demo member and makes them coordinator, then member again without JavaScript', async ({ browser }) => {
  const page = await signedInPage(browser, admin);
  const row = await findDemoMember(page);
  await expect(row.getByRole('rowheader')).toHaveText(`${demoMember.name} ${demoMember.email}`);
  await expect(row.getByRole('cell', { name: 'Brasil', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Sí', exact: true })).toBeVisible();

  await row.getByLabel(`Nuevo rol de ${demoMember.name}`).selectOption('coordinator');
  await row.getByRole('button', { name: 'Guardar rol' }).click();
  await expect(row.getByRole('status')).toHaveText(`Listo. Rol de ${demoMember.name}: Coordinador/a.`);
  await expect(row.getByRole('cell', { name: 'Coordinador/a', exact: true })).toBeVisible();
  // The search stayed: the page still lists only the people it matched.
  await expect(page).toHaveURL(/\/admin\/users\?q=Pereira$/);

  // The change is in the hub, not only on the page.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: demoMember.email }).getByRole('cell', { name: 'Coordinador/a', exact: true })).toBeVisible();

  // The same form without JavaScript: a plain POST that comes back to the same search, at the row.
  const plain = await signedInPage(browser, admin, { javaScriptEnabled: false });
  const plainRow = await findDemoMember(plain);
  await plainRow.getByLabel(`Nuevo rol de ${demoMember.name}`).selectOption('member');
  await plainRow.getByRole('button', { name: 'Guardar rol' }).click();
  await expect(plain).toHaveURL(/\/admin\/users\?q=Pereira&\/role#person-[0-9a-f-]{36}$/);
  const after = plain.getByRole('row').filter({ hasText: demoMember.email });
  await expect(after.getByRole('status')).toHaveText(`Listo. Rol de ${demoMember.name}: Integrante.`);
  await expect(after.getByRole('cell', { name: 'Integrante', exact: true })).toBeVisible();
  await expect(after.getByLabel(`Nuevo rol de ${demoMember.name}`)).toHaveValue('member');

  await plain.context().close();
  await page.context().close();
});

test('a member is refused with the 403 page, and a visitor is sent to sign in', async ({ browser, page, request, baseURL }) => {
  await page.goto('/admin/users?q=ana');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers%3Fq%3Dana$/);

  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Mateo Miembro'));
  const response = await member.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(member.getByRole('heading', { level: 1, name: 'No tienes acceso a esta página' })).toBeVisible();
  await expect(member.getByRole('table')).toHaveCount(0);
  await member.context().close();
});

test('axe finds no serious or critical problem on the people page, on a desktop and on a phone', async ({ browser }) => {
  // axe is injected as a script, which the pages' CSP rightly refuses.
  const page = await signedInPage(browser, admin, { bypassCSP: true });

  await page.goto('/admin/users');
  await expect(page.getByRole('table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A phone: the rows become cards, the controls stay labelled.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/admin/users?q=Pereira');
  await expect(page.getByLabel(`Nuevo rol de ${demoMember.name}`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});
