import type { DemoPeople, SeedHub } from '../../module';

export async function seedDemoDiscussions(_hub: SeedHub, _people: DemoPeople): Promise<void> {}
