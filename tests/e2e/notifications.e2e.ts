import { expect, test, type Page } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';
import { seriousViolations } from './support/axe';
import { applyForOrganisation, approveOrganisation } from './support/organisations';

/**
 * In-app notifications as an applicant meets them: their page is open when a
 * coordinator approves their organisation; the header's count goes up without a
 * reload and is announced; the notifications page says what happened; marking all
 * read clears the count. Then the same without JavaScript. Interface in Spanish.
 */

const notificationsLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notificaciones/ });

test('an open page hears of the approval, the list says it, and marking all read clears the count', async ({ browser, request, baseURL }) => {
  const name = `Cooperativa Bañado Sur ${Math.random().toString(36).slice(2, 6)}`;
  const member = await signedInPage(browser, await createVerifiedAccount(request, baseURL!, 'Nilda Notificada'));
  const org = await applyForOrganisation(member, baseURL!, name);

  await member.goto('/organisations/mine');
  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  // Only staff see the way to administration.
  await expect(member.getByRole('link', { name: 'Administración' })).toHaveCount(0);
  // The page is following its live topic before anything happens.
  await expect(member.locator('[data-live="open"]')).toHaveCount(1);
  await member.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await approveOrganisation(baseURL!, org.slug);

  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones (1 sin leer)');
  await expect(notificationsLink(member).locator('.badge')).toHaveText('1');
  await expect(member.locator('[aria-live="polite"]').filter({ hasText: 'notificación nueva' })).toHaveText(
    'Tienes una notificación nueva. Sin leer: 1.'
  );
  // No reload happened: the flag set on this document is still there.
  expect(await member.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  await notificationsLink(member).click();
  await expect(member).toHaveURL(/\/notifications$/);
  const item = member.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('Nueva');
  await expect(item.getByRole('link', { name: `Tu solicitud para ${name} fue aprobada: ya es organización miembro y tú la administras.` })).toHaveAttribute(
    'href',
    `/organisations/${org.slug}`
  );
  await expect(item.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  await member.getByRole('button', { name: 'Marcar todas como leídas' }).click();
  await expect(member.getByRole('status')).toContainText('todas tus notificaciones están marcadas como leídas');
  await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  await expect(item).not.toContainText('Nueva');
  await expect(member.getByText('Sin leer: 0')).toBeVisible();

  // The coordinator, on the other hand, has the way to the review queue.
  const reviewer = await signedInPage(browser, coordinator());
  await reviewer.getByRole('banner').getByRole('link', { name: 'Administración' }).click();
  await expect(reviewer).toHaveURL(/\/admin\/organisations/);
});

test.describe('without JavaScript', () => {
  test('the count is in the page, and mark all read is a plain form', async ({ browser, request, baseURL }) => {
    const name = `Cooperativa Sin Script ${Math.random().toString(36).slice(2, 6)}`;
    const account = await createVerifiedAccount(request, baseURL!, 'Sergio Sinscript');
    const member = await signedInPage(browser, account, { javaScriptEnabled: false });
    const org = await applyForOrganisation(member, baseURL!, name);
    await approveOrganisation(baseURL!, org.slug);

    await member.goto('/');
    await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones (1 sin leer)');
    await member.goto('/notifications');
    await expect(member.getByRole('listitem').filter({ hasText: name })).toContainText('Nueva');
    await member.getByRole('button', { name: 'Marcar todas como leídas' }).click();
    await expect(member.getByRole('status')).toContainText('todas tus notificaciones están marcadas como leídas');
    await expect(notificationsLink(member)).toHaveAccessibleName('Notificaciones');
  });
});

test.describe('accessibility', () => {
  test('axe finds no serious or critical problem on the notifications page, read and unread', async ({ browser, request, baseURL }) => {
    const account = await createVerifiedAccount(request, baseURL!, 'Alba Axe');
    // axe is injected as a script, which the pages' CSP rightly refuses.
    const member = await signedInPage(browser, account, { bypassCSP: true });
    for (const name of ['Cooperativa Axe Uno', 'Cooperativa Axe Dos']) {
      const org = await applyForOrganisation(member, baseURL!, `${name} ${Math.random().toString(36).slice(2, 6)}`);
      await approveOrganisation(baseURL!, org.slug);
    }
    await member.goto('/notifications');
    await member.getByRole('button', { name: 'Marcar como leída' }).first().click();
    await expect(member.getByRole('status')).toContainText('marcada como leída');
    await expect(member.getByText('Sin leer: 1')).toBeVisible();
    expect(await seriousViolations(member)).toEqual([]);
  });
});
