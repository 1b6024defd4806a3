// Leaves one failed job in the hub's database (E2E_DATABASE_URL), for the failed tasks page's test.
import pino from 'pino';
import { createDatabase } from '@mutirao/db';
import { defineJobKind } from '../../../apps/api/src/jobs/job-kind';
import { createJobRunner } from '../../../apps/api/src/jobs/runner';

const refused = defineJobKind<{ to: string }>('e2e.refused-mail', { describe: (p) => `e2e → ${p.to}`, retryLimit: 0 });

const database = await createDatabase({ url: process.env.E2E_DATABASE_URL, poolSize: 2 });
const runner = createJobRunner({ database, log: pino({ level: 'silent' }) });
runner.handle(refused, async () => {
  throw new Error('550 5.1.1 mailbox unavailable');
});
try {
  await runner.start({ work: false });
  await database.db.transaction((tx) => runner.enqueue(tx, refused, { to: 'nobody@example.org' }));
  // A job of this kind that an earlier test sent back to the queue fails again here too.
  const { failed } = await runner.drain();
  if (failed < 1) throw new Error('the job did not fail');
} finally {
  await runner.close();
  await database.close();
}
