import { expect, test } from '@playwright/test';
import { coordinator, createVerifiedAccount, signedInPage, submitSignIn } from './support/accounts';
import { seriousViolations } from './support/axe';

/**
 * A coordinator suspends a member from the people page: the member's open page learns at
 * once that its session ended (the socket closes, the page reloads signed out), and
 * signing in again says until when and why; reinstated early (without JavaScript), they
 * sign in again. The interface is in Spanish (the config's locale).
 */
test('a coordinator suspends a member, whose open session ends and whose sign-in shows the reason', async ({ browser, request, baseURL }) => {
  const member = await createVerifiedAccount(request, baseURL!, 'Mara Suspendida');
  const memberPage = await signedInPage(browser, member);
  await memberPage.goto('/');
  await expect(memberPage.getByText('Hola, Mara Suspendida')).toBeVisible();

  // bypassCSP: axe is injected as a script tag.
  const staff = await signedInPage(browser, coordinator(), { bypassCSP: true });
  await staff.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  const row = staff.getByRole('row').filter({ hasText: member.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').filter({ hasText: 'Activa' })).toBeVisible();
  // Coordinators suspend; changing roles stays with admins.
  await expect(row.getByRole('combobox')).toHaveCount(0);

  const reason = 'Publicaste enlaces promocionales en varios debates.';
  await row.getByText('Suspender a Mara Suspendida…').click();
  await row.getByRole('radio', { name: '7 días' }).check();
  await row.getByLabel('Motivo (la persona lo leerá)').fill(reason);
  await row.getByRole('button', { name: 'Suspender', exact: true }).click();
  await expect(row.getByRole('status')).toHaveText(
    'Se suspendió la cuenta de Mara Suspendida: sus sesiones se cerraron y recibió el motivo por correo.'
  );
  await expect(row).toContainText('Suspendida hasta el');
  await expect(row).toContainText(`Motivo: ${reason}`);
  expect(await seriousViolations(staff)).toEqual([]);

  // The member's open page hears that its session ended and reloads as a visitor.
  await expect(memberPage.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
  await expect(memberPage.getByText('Hola, Mara Suspendida')).toHaveCount(0);

  await submitSignIn(memberPage, member.email);
  await expect(memberPage).toHaveURL(/\/sign-in/);
  const refusal = memberPage.getByRole('main').getByText(/Tu cuenta está suspendida hasta el/);
  await expect(refusal).toContainText(`Motivo: ${reason}`);

  // Reinstating early, without JavaScript: a plain POST back to the same search, at the row.
  const plain = await signedInPage(browser, coordinator(), { javaScriptEnabled: false });
  await plain.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  await plain.getByRole('button', { name: 'Reactivar a Mara Suspendida' }).click();
  await expect(plain).toHaveURL(/\/admin\/users\?q=.*&\/reinstate#person-[0-9a-f-]{36}$/);
  const plainRow = plain.getByRole('row').filter({ hasText: member.email });
  await expect(plainRow.getByRole('status')).toHaveText('Se reactivó la cuenta de Mara Suspendida.');
  await expect(plainRow).toContainText('Activa');

  await submitSignIn(memberPage, member.email);
  await expect(memberPage.getByText('Hola, Mara Suspendida')).toBeVisible();

  await plain.context().close();
  await staff.context().close();
  await memberPage.context().close();
});
