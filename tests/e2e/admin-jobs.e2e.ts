import { expect, test } from '@playwright/test';
import { createVerifiedAccount, signedInPage } from './support/accounts';
import { createAdmin, failAJob } from './support/admin';
import { seriousViolations } from './support/axe';

/**
 * Failed tasks as an admin meets them: a task that failed for good is listed with its
 * error, and "Volver a intentar" sends it back to the queue, with and without JavaScript;
 * members get the 403 page, visitors are sent to sign in; axe at desktop and phone sizes.
 * The failed task comes from a separate process on the hub's database (E2E_DATABASE_URL).
 */

let admin: { email: string; name: string };

test.beforeAll(async () => {
  admin = await createAdmin();
});

for (const javaScriptEnabled of [true, false]) {
  test(`an admin sees a failed task and tries it again (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    await failAJob();
    const page = await signedInPage(browser, admin, { javaScriptEnabled });
    await page.goto('/');
    await page.getByRole('link', { name: 'Tareas fallidas' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tareas fallidas' })).toBeVisible();
    const rows = page.getByRole('row').filter({ hasText: 'e2e.refused-mail' });
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(1);
    const row = rows.first();
    await expect(row.getByRole('cell', { name: '550 5.1.1 mailbox unavailable' })).toBeVisible();
    // One attempt, or more for a task an earlier test sent back that failed again.
    await expect(row.getByRole('cell', { name: /^(Intentos\s*)?\d+$/ })).toBeVisible();

    await row.getByRole('button', { name: 'Volver a intentar' }).click();
    await expect(page.getByRole('status')).toContainText('Listo: la tarea volvió a la cola');
    await expect(page.getByRole('row').filter({ hasText: 'e2e.refused-mail' })).toHaveCount(before - 1);
    // The change is in the hub: a reload lists one task fewer.
    await page.goto('/admin/jobs');
    await expect(page.getByRole('row').filter({ hasText: 'e2e.refused-mail' })).toHaveCount(before - 1);
    await page.context().close();
  });
}

test('a member is refused with the 403 page, and a visitor is sent to sign in', async ({ browser, page, request, baseURL }) => {
  await page.goto('/admin/jobs');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fjobs$/);
  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Marta Miembro'));
  const response = await member.goto('/admin/jobs');
  expect(response?.status()).toBe(403);
  await expect(member.getByRole('link', { name: 'Tareas fallidas' })).toHaveCount(0);
  await member.context().close();
});

test('axe finds no serious or critical problem on the failed tasks page, on a desktop and on a phone', async ({ browser }) => {
  await failAJob();
  const page = await signedInPage(browser, admin, { bypassCSP: true });
  await page.goto('/admin/jobs');
  await expect(page.getByRole('table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Volver a intentar' }).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});
