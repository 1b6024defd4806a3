import { Type } from '@sinclair/typebox';
import { HomeSectionSchema } from '../schemas/sections';
import { defineContract, defineRoute } from './define';

export const HomeSchema = Type.Object({
  /** In the registry's order; a domain with nothing for this person sends no section. */
  sections: Type.Array(HomeSectionSchema)
});

/** The signed-in home: every domain's sections for this person, gathered in one call. */
export const homeContract = defineContract({
  tags: { home: 'The signed-in person’s home: what needs them and what is new for them, from every domain.' },
  problems: {},
  routes: {
    myHome: defineRoute({
      operationId: 'myHome',
      method: 'GET',
      path: '/me/home',
      tag: 'home',
      summary: 'My home: what needs me and what is new for me',
      description:
        'Each domain contributes sections (invitations, requests to decide, the review queue for coordinators, my organisations, recent notifications…). ' +
        'Sections are keyed; empty ones are left out. `total` counts them all, `items` holds the first few.',
      audience: 'signedIn',
      responses: { 200: HomeSchema },
      problems: []
    })
  },
  named: { Home: HomeSchema }
});
