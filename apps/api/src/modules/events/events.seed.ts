import type { DemoSeeder } from '../../module';

/** Demo events: filled in below. */
export const seedDemoEvents: DemoSeeder = async () => {};
