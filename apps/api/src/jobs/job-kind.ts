/**
 * A kind of job: its name (the pg-boss queue), its payload type and how it is
 * retried. Defined once, next to the code that enqueues it; the handler is
 * attached at start-up (job-handlers.ts), where the hub's services exist.
 */
export interface JobKind<P> {
  readonly name: string;
  /** Attempts after the first one before the job is marked failed. */
  readonly retryLimit: number;
  /** Seconds before the first retry; each retry waits about twice as long, up to retryDelayMaxSeconds. */
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
  /**
   * How long an attempt may run. A process that dies mid-job leaves it active;
   * after this it is retried elsewhere, so it works as the job's lease.
   */
  readonly expireInSeconds: number;
  /** A short line for the admins' list of failed jobs. It must not carry secrets (links with tokens, passwords). */
  describe(payload: P): string;
  /** Only for typing: never set. */
  readonly __payload?: P;
}

export function defineJobKind<P>(
  name: string,
  options: Partial<Omit<JobKind<P>, 'name' | 'describe' | '__payload'>> & { describe(payload: P): string }
): JobKind<P> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/.test(name)) throw new Error(`job kind names look like "domain.action": ${name}`);
  return {
    name,
    // 2 s, 4 s, 8 s … capped at 10 min: eleven attempts span about half an hour,
    // long enough to ride out an SMTP server's restart, short enough that an
    // admin hears of a real outage the same day.
    retryLimit: options.retryLimit ?? 10,
    retryDelaySeconds: options.retryDelaySeconds ?? 2,
    retryDelayMaxSeconds: options.retryDelayMaxSeconds ?? 600,
    expireInSeconds: options.expireInSeconds ?? 300,
    describe: options.describe
  };
}
