import type { FastifyPluginAsync } from 'fastify';
import { api, type HomeSection } from '@mutirao/shared';
import { requireActor } from '../auth/can';
import type { Hub } from '../hub';
import { route } from '../http/route';
import type { HubModule } from '../module';

/**
 * GET /api/me/home: every domain's sections for the signed-in person, in registry
 * order. The list of domains is handed in by the composition root (app.ts), so this
 * plugin, like the rest of the infrastructure, imports no domain. The domains answer
 * side by side; a section with nothing in it is left out.
 */
export const homeRoutes: FastifyPluginAsync<{ hub: Hub; modules: readonly HubModule[] }> = async (app, { hub, modules }) => {
  route(app, api.myHome, async (request) => {
    const actor = request.actor;
    requireActor(actor);
    const contributions = await Promise.all(modules.map((module) => module.homeSections?.(hub, actor) ?? Promise.resolve([])));
    const sections: HomeSection[] = contributions.flat().filter((section) => section.total > 0 || section.items.length > 0);
    return { sections };
  });
};
