/**
 * Imports each domain's demo seeder so it registers itself (registerDemoSeeder).
 * Domains add one import line here.
 */
import '../modules/organisations/organisations.seed';

export async function loadDemoSeeders(): Promise<void> {}
