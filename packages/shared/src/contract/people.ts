import { Type } from '@sinclair/typebox';
import { PERSON_PHOTO_MAX_BYTES, personPhotoTypes } from '../people';
import {
  PeopleDirectorySchema,
  PeopleQuery,
  PersonCardSchema,
  PersonOrganisationSchema,
  PersonParams,
  PersonProfileSchema,
  PersonSchema,
  PhotoQuery,
  ProfileUpdateBody,
  ProfileVisibilitySchema,
  SpokenLanguageSchema
} from '../schemas/people';
import { defineContract, defineRoute } from './define';

const PersonResponse = Type.Object({ person: PersonSchema });
const visibility =
  'A profile is seen by whoever its person chose: everyone, signed-in members, or people in one of the same organisations (coordinators and admins see all). Any other viewer, and anyone asking for an unverified account, gets 404, as for an id nobody has.';

const routes = {
  searchPeople: defineRoute({
    operationId: 'searchPeople',
    method: 'GET',
    path: '/people',
    tag: 'people',
    summary: 'The people directory',
    description:
      'Typo-tolerant search over verified people whose profile the viewer may see, with country, organisation, theme and language facets (counts for each value under the other filters).',
    audience: 'signedIn',
    query: PeopleQuery,
    responses: { 200: PeopleDirectorySchema },
    problems: ['search_unavailable']
  }),
  getPerson: defineRoute({
    operationId: 'getPerson',
    method: 'GET',
    path: '/people/{id}',
    tag: 'people',
    summary: 'A person’s profile, with what other domains show about them',
    description: `Never includes an email address. ${visibility}`,
    audience: 'public',
    access: 'Depends on the visibility the person chose.',
    params: PersonParams,
    responses: { 200: PersonProfileSchema },
    problems: ['not_found']
  }),
  getPersonPhoto: defineRoute({
    operationId: 'getPersonPhoto',
    method: 'GET',
    path: '/people/{id}/photo',
    tag: 'people',
    summary: 'A person’s photo',
    description: `A square WebP at 96, 128 (the default) or 256 px; \`v\` changes whenever the photo does. ${visibility}`,
    audience: 'public',
    access: 'Whoever may see the profile.',
    params: PersonParams,
    query: PhotoQuery,
    responses: { 200: Type.String({ format: 'binary' }) },
    produces: ['image/webp'],
    problems: ['not_found']
  }),
  getMyProfile: defineRoute({
    operationId: 'getMyProfile',
    method: 'GET',
    path: '/me/profile',
    tag: 'people',
    summary: 'My profile, as I edit it (with the bio’s Markdown)',
    audience: 'signedIn',
    responses: { 200: PersonResponse },
    problems: []
  }),
  updateMyProfile: defineRoute({
    operationId: 'updateMyProfile',
    method: 'PATCH',
    path: '/me/profile',
    tag: 'people',
    summary: 'Edit my profile',
    description:
      'A website typed without a scheme gets `https://`; a LinkedIn address must be on linkedin.com; an ORCID iD may be given as the bare iD or its https://orcid.org/ address and must pass its checksum. The bio is Markdown: raw HTML is not kept and only images uploaded to this hub are shown.',
    audience: 'signedIn',
    body: ProfileUpdateBody,
    responses: { 200: PersonResponse },
    problems: []
  }),
  uploadMyPhoto: defineRoute({
    operationId: 'uploadMyPhoto',
    method: 'POST',
    path: '/me/profile/photo',
    tag: 'people',
    summary: 'Upload or replace my photo',
    description:
      'multipart/form-data with one file in the field `photo`: PNG, JPEG, WebP or SVG, at most 2 MB. It is re-encoded as WebP at 96, 128 and 256 px (an SVG is rasterised; metadata is dropped).',
    audience: 'signedIn',
    upload: { field: 'photo', maxBytes: PERSON_PHOTO_MAX_BYTES, mediaTypes: personPhotoTypes },
    responses: { 200: PersonResponse },
    problems: ['invalid_photo', 'photo_too_large']
  }),
  removeMyPhoto: defineRoute({
    operationId: 'removeMyPhoto',
    method: 'DELETE',
    path: '/me/profile/photo',
    tag: 'people',
    summary: 'Remove my photo',
    audience: 'signedIn',
    responses: { 200: PersonResponse },
    problems: []
  })
} as const;

export const peopleContract = defineContract({
  tags: { people: 'People: profiles and the directory of practitioners.' },
  problems: {
    invalid_photo: { status: 400, description: 'The file is not a PNG, JPEG, WebP or SVG image.' },
    photo_too_large: { status: 413, description: 'The photo is larger than 2 MB.' }
  },
  routes,
  named: {
    Person: PersonSchema,
    PersonProfile: PersonProfileSchema,
    PersonCard: PersonCardSchema,
    PersonOrganisation: PersonOrganisationSchema,
    PeopleDirectory: PeopleDirectorySchema,
    ProfileUpdate: ProfileUpdateBody,
    ProfileVisibility: ProfileVisibilitySchema,
    SpokenLanguage: SpokenLanguageSchema
  }
});
