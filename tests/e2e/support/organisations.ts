import { expect, request as apiRequest, type Page } from '@playwright/test';
import { coordinator } from './accounts';

export interface OrganisationDetails {
  countries: string[];
  hqCity: string;
  hqCountry: string;
  contactEmail: string;
  description: string;
}

const paraguay: OrganisationDetails = {
  countries: ['PY'],
  hqCity: 'Asunción',
  hqCountry: 'PY',
  contactEmail: 'hola@banado.example.org',
  description: 'Vivienda cooperativa en los bañados de Asunción.'
};

/**
 * Applies for a community-based organisation through the API, with the signed-in page's own
 * session (the application form has its own browser test); returns the pending organisation.
 */
export async function applyForOrganisation(page: Page, baseURL: string, name: string, details: OrganisationDetails = paraguay) {
  const response = await page.request.post('/api/organisations', {
    headers: { origin: new URL(baseURL).origin },
    data: { name, type: 'community_based', ...details, descriptionLocale: 'es' }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).organisation as { id: string; slug: string };
}

/**
 * The demo coordinator approves the organisation through the API, in a request context of
 * its own so no test's cookies change (the review queue has its own browser test).
 */
export async function approveOrganisation(baseURL: string, slug: string) {
  const origin = new URL(baseURL).origin;
  const reviewer = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { origin } });
  try {
    const { email, password } = coordinator();
    const signIn = await reviewer.post('/api/auth/sign-in', { data: { email, password } });
    expect(signIn.status(), await signIn.text()).toBe(200);
    const decided = await reviewer.post(`/api/admin/organisations/${slug}/approve`);
    expect(decided.status(), await decided.text()).toBe(200);
  } finally {
    await reviewer.dispose();
  }
}
