import { Type } from '@sinclair/typebox';
import {
  CitationQuery,
  CitationSelectionQuery,
  LibraryQuery,
  LibraryResultSchema,
  ListPageQuery,
  NewestResourcesQuery,
  RESOURCE_FILE_MAX_BYTES,
  ResourceCardSchema,
  ResourceCreateBody,
  ResourceFileParams,
  ResourceFileSchema,
  ResourceListSchema,
  ResourceResponse,
  ResourceSchema,
  ResourceSlugParams,
  ResourceStatusSchema,
  ResourceTypeSchema,
  ResourceUpdateBody,
  ResourceUploadQuery,
  ResourceViewerSchema,
  RelatedToParams,
  ReviewNoteBody,
  resourceFileMediaTypes
} from '../schemas/library';
import { defineContract, defineRoute } from './define';

const hidden = 'A resource that is not published answers 404 to anyone but its submitter and coordinators.';
const owner = 'Its submitter (while a draft, with changes requested, or published) and coordinators.';

const routes = {
  searchLibrary: defineRoute({
    operationId: 'searchLibrary',
    method: 'GET',
    path: '/library/resources',
    tag: 'library',
    summary: 'Search the library',
    description:
      'Typo-tolerant search across titles, summaries, authors, publishers and the text inside the files, with synonyms across Spanish, Portuguese and English. Facet counts for every filter (each under the other filters), highlighted titles and a snippet, sorting and pages. Only published resources are ever found.',
    audience: 'public',
    query: LibraryQuery,
    responses: { 200: LibraryResultSchema },
    problems: ['search_unavailable']
  }),
  newestResources: defineRoute({
    operationId: 'newestResources',
    method: 'GET',
    path: '/library/newest',
    tag: 'library',
    summary: 'The newest published resources',
    description: 'For the home page: recent additions, newest first.',
    audience: 'public',
    query: NewestResourcesQuery,
    responses: { 200: Type.Object({ items: Type.Array(ResourceCardSchema) }) },
    problems: []
  }),
  organisationResources: defineRoute({
    operationId: 'organisationResources',
    method: 'GET',
    path: '/library/publishers/{slug}',
    tag: 'library',
    summary: 'The published resources of a member organisation',
    description: 'For the organisation’s profile, newest first. A slug that names no member organisation has none.',
    audience: 'public',
    params: ResourceSlugParams,
    query: ListPageQuery,
    responses: { 200: ResourceListSchema },
    problems: []
  }),
  relatedResources: defineRoute({
    operationId: 'relatedResources',
    method: 'GET',
    path: '/library/related/{kind}/{id}',
    tag: 'library',
    summary: 'The published resources that name a thread or an event as related',
    description:
      'For the discussion thread and event pages: the resources that list this thread or event among their related ones, newest first (at most 20). An id that nothing names has none.',
    audience: 'public',
    params: RelatedToParams,
    responses: { 200: Type.Object({ items: Type.Array(ResourceCardSchema) }) },
    problems: []
  }),
  getResource: defineRoute({
    operationId: 'getResource',
    method: 'GET',
    path: '/library/resources/{slug}',
    tag: 'library',
    summary: 'A resource, its files and what the viewer may do',
    description: `Counts a view. ${hidden}`,
    audience: 'public',
    params: ResourceSlugParams,
    responses: { 200: ResourceResponse },
    problems: ['not_found']
  }),
  createResource: defineRoute({
    operationId: 'createResource',
    method: 'POST',
    path: '/library/resources',
    tag: 'library',
    summary: 'Start a contribution (a draft)',
    description: 'The draft is seen only by its submitter and coordinators until it is submitted and approved. Add files with `uploadResourceFile`.',
    audience: 'signedIn',
    body: ResourceCreateBody,
    responses: { 201: ResourceResponse },
    problems: []
  }),
  updateResource: defineRoute({
    operationId: 'updateResource',
    method: 'PATCH',
    path: '/library/resources/{slug}',
    tag: 'library',
    summary: 'Edit a resource',
    audience: 'signedIn',
    access: owner,
    params: ResourceSlugParams,
    body: ResourceUpdateBody,
    responses: { 200: ResourceResponse },
    problems: ['forbidden', 'not_found']
  }),
  deleteResource: defineRoute({
    operationId: 'deleteResource',
    method: 'DELETE',
    path: '/library/resources/{slug}',
    tag: 'library',
    summary: 'Delete a resource and its files',
    audience: 'signedIn',
    access: 'Its submitter until it is published; coordinators always.',
    params: ResourceSlugParams,
    responses: { 204: null },
    problems: ['forbidden', 'not_found']
  }),
  uploadResourceFile: defineRoute({
    operationId: 'uploadResourceFile',
    method: 'POST',
    path: '/library/resources/{slug}/files',
    tag: 'library',
    summary: 'Add a file, or a new version of one',
    description:
      'multipart/form-data with one file in the field `file`: PDF, DOCX, XLSX, PPTX, CSV, PNG, JPEG or WebP, at most 50 MB, judged by its bytes. `replaces` names the file this one is a new version of; the earlier version is kept. Text is extracted from PDF and DOCX files afterwards, by a job.',
    audience: 'signedIn',
    access: owner,
    params: ResourceSlugParams,
    query: ResourceUploadQuery,
    upload: { field: 'file', maxBytes: RESOURCE_FILE_MAX_BYTES, mediaTypes: resourceFileMediaTypes },
    responses: { 201: Type.Object({ file: ResourceFileSchema }) },
    problems: ['forbidden', 'not_found', 'invalid_file', 'file_too_large']
  }),
  removeResourceFile: defineRoute({
    operationId: 'removeResourceFile',
    method: 'DELETE',
    path: '/library/resources/{slug}/files/{fileId}',
    tag: 'library',
    summary: 'Remove a file from a resource',
    description: 'On a published resource the file is kept as an earlier version; before that it is deleted.',
    audience: 'signedIn',
    access: owner,
    params: ResourceFileParams,
    responses: { 204: null },
    problems: ['forbidden', 'not_found']
  }),
  downloadResourceFile: defineRoute({
    operationId: 'downloadResourceFile',
    method: 'GET',
    path: '/library/resources/{slug}/files/{fileId}',
    tag: 'library',
    summary: 'Download a file',
    description: `Sent as an attachment (PDF and images may open in the browser) with its checked type and \`nosniff\`; counts a download. ${hidden}`,
    audience: 'public',
    params: ResourceFileParams,
    responses: { 200: Type.String({ format: 'binary' }) },
    produces: ['application/octet-stream'],
    problems: ['not_found']
  }),
  getResourceCover: defineRoute({
    operationId: 'getResourceCover',
    method: 'GET',
    path: '/library/resources/{slug}/cover',
    tag: 'library',
    summary: 'The cover image (WebP), when there is one',
    audience: 'public',
    params: ResourceSlugParams,
    responses: { 200: Type.String({ format: 'binary' }) },
    produces: ['image/webp'],
    problems: ['not_found']
  }),
  submitResource: defineRoute({
    operationId: 'submitResource',
    method: 'POST',
    path: '/library/resources/{slug}/submit',
    tag: 'library',
    summary: 'Submit a draft (or a resource with changes requested) for review',
    audience: 'signedIn',
    access: 'Its submitter and coordinators.',
    params: ResourceSlugParams,
    responses: { 200: ResourceResponse },
    problems: ['forbidden', 'not_found', 'invalid_resource_status']
  }),
  publishResource: defineRoute({
    operationId: 'publishResource',
    method: 'POST',
    path: '/library/resources/{slug}/publish',
    tag: 'library',
    summary: 'Approve and publish a resource',
    description: 'Approves a submitted resource, or publishes a coordinator’s own draft directly.',
    audience: 'signedIn',
    access: 'Coordinators.',
    params: ResourceSlugParams,
    responses: { 200: ResourceResponse },
    problems: ['forbidden', 'not_found', 'invalid_resource_status']
  }),
  requestResourceChanges: defineRoute({
    operationId: 'requestResourceChanges',
    method: 'POST',
    path: '/library/resources/{slug}/request-changes',
    tag: 'library',
    summary: 'Send a resource back to its submitter with a note',
    description: 'From review, or to take a published resource down until it is fixed.',
    audience: 'signedIn',
    access: 'Coordinators.',
    params: ResourceSlugParams,
    body: ReviewNoteBody,
    responses: { 200: ResourceResponse },
    problems: ['forbidden', 'not_found', 'invalid_resource_status']
  }),
  rejectResource: defineRoute({
    operationId: 'rejectResource',
    method: 'POST',
    path: '/library/resources/{slug}/reject',
    tag: 'library',
    summary: 'Reject a resource, with a note',
    audience: 'signedIn',
    access: 'Coordinators.',
    params: ResourceSlugParams,
    body: ReviewNoteBody,
    responses: { 200: ResourceResponse },
    problems: ['forbidden', 'not_found', 'invalid_resource_status']
  }),
  libraryReviewQueue: defineRoute({
    operationId: 'libraryReviewQueue',
    method: 'GET',
    path: '/library/review',
    tag: 'library',
    summary: 'Contributions waiting for review, oldest first',
    audience: 'coordinator',
    query: ListPageQuery,
    responses: { 200: ResourceListSchema },
    problems: []
  }),
  mySubmissions: defineRoute({
    operationId: 'mySubmissions',
    method: 'GET',
    path: '/me/library',
    tag: 'library',
    summary: 'My contributions to the library, with their status and notes',
    audience: 'signedIn',
    query: ListPageQuery,
    responses: { 200: ResourceListSchema },
    problems: []
  }),
  citeResource: defineRoute({
    operationId: 'citeResource',
    method: 'GET',
    path: '/library/resources/{slug}/cite',
    tag: 'library',
    summary: 'The resource’s citation as BibTeX, RIS or CSL-JSON',
    description: hidden,
    audience: 'public',
    params: ResourceSlugParams,
    query: CitationQuery,
    responses: { 200: Type.String() },
    produces: ['application/x-bibtex', 'application/x-research-info-systems', 'application/vnd.citationstyles.csl+json'],
    problems: ['not_found']
  }),
  citeResources: defineRoute({
    operationId: 'citeResources',
    method: 'GET',
    path: '/library/cite',
    tag: 'library',
    summary: 'Citations for a selection of published resources',
    description: 'Slugs that name no published resource are left out.',
    audience: 'public',
    query: CitationSelectionQuery,
    responses: { 200: Type.String() },
    produces: ['application/x-bibtex', 'application/x-research-info-systems', 'application/vnd.citationstyles.csl+json'],
    problems: []
  })
};

export const libraryContract = defineContract({
  tags: { library: 'The resource library: contributions, review, files, search and citations.' },
  problems: {
    invalid_file: {
      status: 400,
      description: 'The file is not one the library takes (PDF, DOCX, XLSX, PPTX, CSV, PNG, JPEG, WebP), or its bytes are not what its name says.'
    },
    file_too_large: { status: 413, description: 'The file is larger than 50 MB.' },
    invalid_resource_status: { status: 409, description: 'The resource’s status does not allow this step.' }
  },
  routes,
  named: {
    ResourceType: ResourceTypeSchema,
    ResourceStatus: ResourceStatusSchema,
    Resource: ResourceSchema,
    ResourceCard: ResourceCardSchema,
    ResourceFile: ResourceFileSchema,
    ResourceViewer: ResourceViewerSchema,
    ResourceCreate: ResourceCreateBody,
    ResourceUpdate: ResourceUpdateBody,
    LibraryResult: LibraryResultSchema
  }
});
