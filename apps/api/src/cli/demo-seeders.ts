/**
 * Imports each domain's demo seeder so it registers itself (registerDemoSeeder).
 * Domains add one import line here.
 */
export async function loadDemoSeeders(): Promise<void> {}
