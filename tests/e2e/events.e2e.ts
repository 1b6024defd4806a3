import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { coordinator, createVerifiedAccount, signedInPage } from './support/accounts';

/**
 * An event from creation to check-in, in Spanish: a coordinator creates and
 * publishes a hybrid event with two seats; three members register and the third
 * waits; when the first cancels, the third sees their seat confirmed without
 * reloading; the coordinator checks someone in on a phone; the .ics downloads
 * and a real parser reads it.
 */
test('a hybrid event with two seats: register, wait, get promoted live, check in, download the .ics', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const year = new Date().getUTCFullYear() + 1;
  const title = `Foro de vivienda ${Math.random().toString(36).slice(2, 7)}`;

  const staff = await signedInPage(browser, coordinator());
  await staff.goto('/events/new');
  await staff.locator('#title').fill(title);
  await staff.locator('#description').fill('Un **foro** sobre vivienda asequible.');
  await staff.locator('input[name="format"][value="hybrid"]').check();
  await staff.locator('#venueName').fill('Centro Cultural Gabriela Mistral');
  await staff.locator('#city').fill('Santiago');
  await staff.locator('#country').selectOption('CL');
  await staff.locator('#onlineUrl').fill('https://meet.example.org/foro');
  await staff.locator('#timeZone').fill('America/Santiago');
  await staff.locator('#startsLocal').fill(`${year}-07-15T10:00`);
  await staff.locator('#endsLocal').fill(`${year}-07-15T13:00`);
  await staff.locator('#capacity').fill('2');
  await staff.locator('input[name="languages"][value="es"]').check();
  await staff.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(staff).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventPath = new URL(staff.url()).pathname;
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(title);
  await staff.getByRole('button', { name: 'Publicar' }).click();
  await expect(staff.getByText('Listo: el evento está publicado.')).toBeVisible();
  await expect(staff.getByTestId('seats')).toContainText('Cupos disponibles: 2');

  const members = await Promise.all(
    ['Ana Inscrita', 'Bruno Inscrito', 'Carla Esperando'].map(async (name) => signedInPage(browser, await createVerifiedAccount(request, baseURL!, name)))
  );
  for (const member of members.slice(0, 2)) {
    await member.goto(eventPath);
    await member.getByRole('button', { name: 'Inscribirme' }).click();
    await expect(member.getByTestId('my-registration')).toContainText('Lugar confirmado');
    // The online link is shown once the seat is confirmed.
    await expect(member.getByRole('link', { name: 'https://meet.example.org/foro' })).toBeVisible();
  }
  const [ana, , carla] = members;
  await carla.goto(eventPath);
  await expect(carla.getByTestId('seats')).toContainText('Cupos disponibles: 0');
  await carla.getByRole('button', { name: 'Entrar en la lista de espera' }).click();
  await expect(carla.getByTestId('my-registration')).toContainText('En lista de espera · posición 1 en la fila');
  await expect(carla.getByRole('link', { name: 'https://meet.example.org/foro' })).toHaveCount(0);

  // Carla's page follows the event; nothing reloads it from here on.
  await expect(carla.locator('[data-live="open"]')).toHaveCount(1);
  await carla.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await ana.getByRole('button', { name: 'Cancelar mi inscripción' }).click();
  await expect(ana.getByText('Cancelaste tu inscripción.')).toBeVisible();
  await expect(carla.getByTestId('my-registration')).toContainText('Lugar confirmado');
  await expect(carla.getByTestId('seats')).toContainText('Lista de espera: 0');
  expect(await carla.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Check-in at the door, on a phone.
  const phone = await signedInPage(browser, coordinator(), { viewport: { width: 360, height: 740 } });
  await phone.goto(`${eventPath}/check-in`);
  await expect(phone.getByTestId('checkin-counts')).toHaveText('Registrados en la entrada: 0 de 2');
  await phone.getByLabel('Buscar por nombre').fill('Carla');
  await phone.getByRole('button', { name: 'Buscar', exact: true }).click();
  await phone.getByRole('button', { name: 'Marcar la asistencia de Carla Esperando' }).click();
  await expect(phone.getByTestId('checkin-counts')).toHaveText('Registrados en la entrada: 1 de 2');
  await expect(phone.getByRole('button', { name: 'Deshacer la asistencia de Carla Esperando' })).toBeVisible();
  // No events page scrolls sideways on a 320 px phone.
  await phone.setViewportSize({ width: 320, height: 640 });
  const wide: string[] = [];
  for (const path of ['/events', '/events?view=calendar', '/events?when=past', eventPath, `${eventPath}/edit`, `${eventPath}/attendees`, `${eventPath}/check-in`, '/events/new']) {
    await phone.goto(path);
    const [scroll, client] = await phone.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scroll > client) wide.push(`${path}: ${scroll} px in ${client} px`);
  }
  expect(wide).toEqual([]);

  // The .ics, as a person downloads it from the event page.
  const [download] = await Promise.all([carla.waitForEvent('download'), carla.getByRole('link', { name: 'Descargar .ics' }).click()]);
  const calendar = new ICAL.Component(ICAL.parse(await readFile((await download.path())!, 'utf8')));
  const zone = calendar.getFirstSubcomponent('vtimezone')!;
  expect(zone.getFirstPropertyValue('tzid')).toBe('America/Santiago');
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  expect(vevent.summary).toBe(title);
  expect(vevent.location).toContain('Centro Cultural Gabriela Mistral');
  expect(vevent.startDate.toJSDate().toISOString()).toBe(`${year}-07-15T14:00:00.000Z`);
});
