import type { Resource, ResourceCard, ResourceFile } from '@mutirao/shared';
import type { ResourceFileRow, ResourceRow } from './library.repo';

export interface ResourceContext {
  files: ResourceFileRow[];
  publisher: { slug: string; name: string } | null;
  submitterName: string | null;
  /** The review note is for the submitter and coordinators only. */
  withNote: boolean;
}

export function coverUrl(row: Pick<ResourceRow, 'slug' | 'coverKey'>): string | null {
  if (!row.coverKey) return null;
  const version = row.coverKey.split('/').slice(-2, -1)[0] ?? '';
  return `/api/library/resources/${row.slug}/cover?v=${version.split('-').pop()}`;
}

export function toResourceFile(slug: string, row: ResourceFileRow): ResourceFile {
  return {
    id: row.id,
    filename: row.filename,
    kind: row.kind,
    mediaType: row.mediaType,
    bytes: row.bytes,
    version: row.version,
    extraction: row.extraction,
    url: `/api/library/resources/${slug}/files/${row.id}`,
    uploadedAt: row.createdAt.toISOString(),
    supersededAt: row.supersededAt?.toISOString() ?? null
  };
}

/** The name shown as publisher: the member organisation's, else the free text. */
export function publisherNameOf(row: ResourceRow, organisation: { name: string } | null): string | null {
  return organisation?.name ?? row.publisherName ?? null;
}

export function toResource(row: ResourceRow, context: ResourceContext): Resource {
  const name = publisherNameOf(row, context.publisher);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    summaryHtml: row.summaryHtml,
    type: row.type,
    themes: row.themes,
    countries: row.countries,
    regional: row.regional,
    languages: row.languages,
    year: row.year,
    publishedOn: row.publishedOn,
    authors: row.authors,
    publisher: name ? { name, organisation: context.publisher } : null,
    licence: row.licence,
    externalUrl: row.externalUrl,
    relatedEventIds: row.relatedEventIds,
    relatedThreadIds: row.relatedThreadIds,
    status: row.status,
    reviewNote: context.withNote ? row.reviewNote : null,
    submitter: row.submitterId ? { id: row.submitterId, name: context.submitterName ?? '' } : null,
    files: context.files.filter((f) => !f.supersededAt).map((f) => toResourceFile(row.slug, f)),
    earlierFiles: context.files.filter((f) => f.supersededAt).map((f) => toResourceFile(row.slug, f)),
    coverUrl: coverUrl(row),
    downloadCount: row.downloadCount,
    viewCount: row.viewCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null
  };
}

export function toResourceCard(row: ResourceRow, publisherName: string | null, options: { withNote: boolean }): ResourceCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    type: row.type,
    year: row.year,
    authors: row.authors,
    publisherName,
    countries: row.countries,
    regional: row.regional,
    languages: row.languages,
    themes: row.themes,
    status: row.status,
    reviewNote: options.withNote ? row.reviewNote : null,
    coverUrl: coverUrl(row),
    updatedAt: row.updatedAt.toISOString()
  };
}
