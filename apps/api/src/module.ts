import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IndexDefinition, SearchDocument } from '@mutirao/search';
import type { Tx } from '@mutirao/db';
import type { DeletionBlockerKind, HomeSection, NotificationKind, ProfileSection } from '@mutirao/shared';
import type { Actor } from './auth/can';
import type { Hub } from './hub';
import type { InboundMailHandler } from './infra/inbound-smtp';
import type { JobRunner } from './jobs/runner';

/** The hub as the runtime holds it, before any request: what live topic rules are given. */
export type RuntimeHub = Omit<Hub, 'log'>;

/** What a demo seeder may use: the same services as requests, without mail or a request log. */
export type SeedHub = Pick<Hub, 'db' | 'config' | 'search' | 'live' | 'jobs' | 'files'>;

/** The demo people already created, by email (see db/seed/people.ts). */
export type DemoPeople = Map<string, { id: string; email: string }>;

/**
 * A domain's part of the demo: it gets the people already created and adds its
 * own records through its services, so demo data obeys the same rules.
 */
export type DemoSeeder = (hub: SeedHub, people: DemoPeople) => Promise<void>;

/** Whether a person may follow `<prefix>:<id>`; given the hub, so the rule can read the record. */
export type LiveTopicRule = (hub: RuntimeHub, actor: Actor | null, id: string) => Promise<boolean>;

/**
 * Everything a domain contributes to the hub, in one value. The registry
 * (modules/index.ts) lists these, and the app, the runtime, the CLI and the
 * test harness read that list: a domain registers nothing itself.
 */
export interface HubModule {
  /** Lower-case, unique: `organisations`. */
  readonly name: string;
  /**
   * The domain's Fastify plugin, registered under /api in registry order. It is given the
   * registry, so a page that gathers other domains' sections (a profile) can ask each one,
   * without importing the registry (which imports it).
   */
  readonly routes?: FastifyPluginAsyncTypebox<{ hub: Hub; modules: readonly HubModule[] }>;
  /** Meilisearch indexes, registered before the outbox worker starts (server, seed, reindex, tests). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each index has its own document type
  readonly searchIndexes?: readonly IndexDefinition<any>[];
  /** Read rules for websocket topics, by prefix (`organisation` for `organisation:<id>`). */
  readonly liveTopics?: Readonly<Record<string, LiveTopicRule>>;
  /** Demo content, run by `pnpm hub seed` and the first start of an empty hub, in registry order. */
  readonly demoSeeder?: DemoSeeder;
  /** The notification kinds (declared in packages/shared) this domain sends. */
  readonly notificationKinds?: readonly NotificationKind[];
  /**
   * The actions this domain's authorization decides (`organisation.edit`), each
   * with who may do it, in words. Names are qualified, so they are unique hub-wide.
   */
  readonly authActions?: Readonly<Record<string, string>>;
  /**
   * Periodic clean-up (expired limit records and the like), run every ten minutes in
   * each process; it must be harmless to run twice at once.
   */
  readonly housekeeping?: (hub: Hub) => Promise<void>;
  /**
   * What this domain puts on a signed-in person's home (`/`): what needs them,
   * what is new for them. Called for every home view, so each section is one
   * indexed query; empty sections are left out by the page.
   */
  readonly homeSections?: (hub: Hub, actor: Actor) => Promise<readonly HomeSection[]>;
  /**
   * What this domain shows on a person's profile (their threads, events they
   * host, resources they authored), as `viewer` may see it. Only called once the
   * profile's own visibility rule has let the viewer in.
   */
  readonly profileSections?: (hub: Hub, viewer: Actor | null, personId: string) => Promise<readonly ProfileSection[]>;
  /**
   * This domain's part of a person's data export (`GET /me/export`): everything it
   * holds about them, keyed by what it is. Left out of the export when undefined.
   * Never another person's address.
   */
  readonly exportPersonalData?: (hub: Hub, userId: string) => Promise<Record<string, unknown> | undefined>;
  /**
   * What must be resolved before this person may delete their account (the only
   * admin of an organisation…), read inside the deletion's transaction.
   */
  readonly accountDeletionBlockers?: (tx: Tx, userId: string) => Promise<readonly DeletionBlocker[]>;
  /**
   * Erases what this domain holds about a person who deleted their account, inside
   * the deletion's transaction: personal records go, what others rely on stays
   * (the account row itself is kept and anonymised, so references to it hold and
   * show a former member).
   */
  readonly onAccountDeleted?: (hub: Hub, tx: Tx, userId: string) => Promise<void>;
  /** Attaches the handlers of the job kinds this domain enqueues, before the runner starts. */
  readonly jobHandlers?: (jobs: JobRunner, hub: RuntimeHub) => void;
  /**
   * Mail that arrives at the hub's inbound SMTP listener (replies by mail): which
   * recipients exist, and where an accepted message goes. One domain at most.
   */
  readonly inboundMail?: (hub: Hub) => InboundMailHandler;
}

/** Something that keeps an account from being deleted until the person resolves it. */
export interface DeletionBlocker {
  kind: DeletionBlockerKind;
  /** What it concerns (an organisation's slug), for a link. */
  ref: string;
  /** Its name, for the sentence. */
  name: string;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const ACTION = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Checks a descriptor where it is written, and keeps its literal type. */
export function defineModule<const M extends HubModule>(module: M): M {
  if (!NAME.test(module.name)) throw new Error(`module name must be lower-case letters, digits and -: ${JSON.stringify(module.name)}`);
  for (const action of Object.keys(module.authActions ?? {})) {
    if (!ACTION.test(action)) throw new Error(`${module.name}: an action is named <record>.<verb>, not ${JSON.stringify(action)}`);
  }
  return module;
}

/** Topic prefixes the live hub owns itself. */
const BUILT_IN_TOPICS = new Set(['user']);

/**
 * Refuses a registry in which two domains claim the same name, search index,
 * live topic, notification kind or action, so a clash fails at start-up (and in
 * the registry's test) rather than one domain silently replacing another.
 */
export function checkModules(modules: readonly HubModule[]): void {
  const claims = new Map<string, string>();
  const claim = (what: string, owner: string) => {
    const earlier = claims.get(what);
    if (earlier) throw new Error(`${what} is claimed by both ${earlier} and ${owner}`);
    claims.set(what, owner);
  };
  for (const module of modules) {
    claim(`module ${module.name}`, module.name);
    for (const index of module.searchIndexes ?? []) claim(`search index ${index.name}`, module.name);
    for (const prefix of Object.keys(module.liveTopics ?? {})) {
      if (BUILT_IN_TOPICS.has(prefix)) throw new Error(`live topic ${prefix} is built into the live hub (${module.name})`);
      claim(`live topic ${prefix}`, module.name);
    }
    for (const kind of module.notificationKinds ?? []) claim(`notification kind ${kind}`, module.name);
    for (const action of Object.keys(module.authActions ?? {})) claim(`action ${action}`, module.name);
    if (module.inboundMail) claim('inbound mail', module.name);
  }
}

/**
 * Gives the running hub what the domains declare that is not a route: their
 * search indexes (before `search.start()`, so settings are in place before the
 * first query) and their live topic read rules.
 */
export function registerModules(hub: RuntimeHub, modules: readonly HubModule[], jobs?: JobRunner): void {
  checkModules(modules);
  for (const module of modules) {
    for (const index of module.searchIndexes ?? []) hub.search.register<SearchDocument>(index);
    for (const [prefix, rule] of Object.entries(module.liveTopics ?? {})) {
      hub.live.registerTopic(prefix, (actor, id) => rule(hub, actor, id));
    }
    if (jobs) module.jobHandlers?.(jobs, hub);
  }
}
