// Citations of published resources: BibTeX, RIS and CSL-JSON, for one or a selection.
import type { CitationFormat, ResourceType } from '@mutirao/shared';
import type { Actor } from '../../auth/can';
import type { LibraryHub } from './library.changes';
import { publisherNameOf } from './library.mapper';
import { authorizeResource } from './library.policy';
import * as repo from './library.repo';

export interface Citable {
  slug: string;
  title: string;
  type: ResourceType;
  authors: string[];
  year: number;
  publishedOn: string | null;
  publisher: string | null;
  url: string;
  languages: string[];
  abstract: string;
}

export const citationMediaTypes: Record<CitationFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  csl: 'application/vnd.citationstyles.csl+json; charset=utf-8'
};
export const citationExtensions: Record<CitationFormat, string> = { bibtex: 'bib', ris: 'ris', csl: 'json' };

const bibtexTypes: Record<ResourceType, string> = {
  report: 'techreport',
  policy_brief: 'techreport',
  toolkit: 'manual',
  case_study: 'techreport',
  academic_paper: 'article',
  dataset: 'misc',
  law: 'misc',
  presentation: 'misc',
  video: 'misc',
  news: 'misc'
};
const risTypes: Record<ResourceType, string> = {
  report: 'RPRT',
  policy_brief: 'RPRT',
  toolkit: 'BOOK',
  case_study: 'RPRT',
  academic_paper: 'JOUR',
  dataset: 'DATA',
  law: 'LEGAL',
  presentation: 'SLIDE',
  video: 'VIDEO',
  news: 'NEWS'
};
const cslTypes: Record<ResourceType, string> = {
  report: 'report',
  policy_brief: 'report',
  toolkit: 'book',
  case_study: 'report',
  academic_paper: 'article-journal',
  dataset: 'dataset',
  law: 'legislation',
  presentation: 'speech',
  video: 'motion_picture',
  news: 'article-newspaper'
};

/** BibTeX's special characters escaped; braces kept balanced by escaping them too. */
const bibtexValue = (text: string) => text.replace(/[\\{}]/g, (c) => `\\${c}`).replace(/[%&$#_^~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

/** "Ana María Pérez" → family "Pérez", given "Ana María"; an organisation's name (no space) stays whole. */
function nameParts(author: string): { family: string; given?: string } {
  const parts = author.trim().split(/\s+/);
  if (parts.length < 2) return { family: author.trim() };
  return { family: parts.at(-1)!, given: parts.slice(0, -1).join(' ') };
}

function bibtexKey(item: Citable): string {
  const first = item.authors[0] ? nameParts(item.authors[0]).family : item.slug.split('-')[0]!;
  const ascii = first.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'resource';
  return `${ascii}${item.year}${item.slug.split('-').slice(0, 2).join('')}`.slice(0, 60);
}

export function toBibtex(item: Citable): string {
  const fields: [string, string][] = [['title', `{${bibtexValue(item.title)}}`]];
  if (item.authors.length > 0) fields.push(['author', `{${item.authors.map(bibtexValue).join(' and ')}}`]);
  fields.push(['year', `{${item.year}}`]);
  if (item.publishedOn) fields.push(['month', `{${Number(item.publishedOn.slice(5, 7))}}`]);
  if (item.publisher) fields.push([bibtexTypes[item.type] === 'techreport' ? 'institution' : 'publisher', `{${bibtexValue(item.publisher)}}`]);
  fields.push(['url', `{${item.url}}`]);
  if (item.languages[0]) fields.push(['language', `{${item.languages.join(', ')}}`]);
  return `@${bibtexTypes[item.type]}{${bibtexKey(item)},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}\n`;
}

const risLine = (tag: string, value: string) => `${tag}  - ${value.replace(/[\r\n]+/g, ' ')}`;

export function toRis(item: Citable): string {
  const lines = [risLine('TY', risTypes[item.type]), risLine('TI', item.title)];
  for (const author of item.authors) {
    const { family, given } = nameParts(author);
    lines.push(risLine('AU', given ? `${family}, ${given}` : family));
  }
  lines.push(risLine('PY', String(item.year)));
  if (item.publishedOn) lines.push(risLine('DA', item.publishedOn.replace(/-/g, '/')));
  if (item.publisher) lines.push(risLine('PB', item.publisher));
  for (const language of item.languages) lines.push(risLine('LA', language));
  if (item.abstract) lines.push(risLine('AB', item.abstract.slice(0, 2000)));
  lines.push(risLine('UR', item.url), 'ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}

export function toCsl(item: Citable): Record<string, unknown> {
  const [year, month, day] = item.publishedOn ? item.publishedOn.split('-').map(Number) : [item.year];
  return {
    id: item.slug,
    type: cslTypes[item.type],
    title: item.title,
    author: item.authors.map((author) => {
      const { family, given } = nameParts(author);
      return given ? { family, given } : { literal: family };
    }),
    issued: { 'date-parts': [[year, month, day].filter((n) => n !== undefined)] },
    ...(item.publisher && { publisher: item.publisher }),
    ...(item.languages[0] && { language: item.languages[0] }),
    ...(item.abstract && { abstract: item.abstract.slice(0, 2000) }),
    URL: item.url
  };
}

export function formatCitations(items: Citable[], format: CitationFormat): string {
  if (format === 'csl') return `${JSON.stringify(items.map(toCsl), null, 2)}\n`;
  return items.map(format === 'bibtex' ? toBibtex : toRis).join('\n');
}

async function citables(hub: LibraryHub, rows: repo.ResourceRow[]): Promise<Citable[]> {
  const orgIds = [...new Set(rows.map((r) => r.publisherOrganisationId).filter((x): x is string => !!x))];
  const orgs = new Map((await repo.organisationsByIds(hub.db, orgIds)).filter((o) => o.status === 'approved').map((o) => [o.id, o]));
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    type: row.type,
    authors: row.authors,
    year: row.year,
    publishedOn: row.publishedOn,
    publisher: publisherNameOf(row, (row.publisherOrganisationId && orgs.get(row.publisherOrganisationId)) || null),
    url: `${hub.config.publicOrigin}/library/${row.slug}`,
    languages: row.languages,
    abstract: row.summaryText
  }));
}

/** One resource's citation, to whoever may see it. */
export async function citeResource(hub: LibraryHub, actor: Actor | null, slug: string, format: CitationFormat) {
  const row = await repo.findResourceBySlug(hub.db, slug);
  authorizeResource(actor, 'view', row);
  return { text: formatCitations(await citables(hub, [row]), format), slug: row.slug };
}

/** A selection's citations, in the order asked; slugs of unpublished or unknown resources are left out. */
export async function citeSelection(hub: LibraryHub, slugs: string[], format: CitationFormat) {
  const rows = await repo.publishedBySlugs(hub.db, [...new Set(slugs)]);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const ordered = [...new Set(slugs)].map((s) => bySlug.get(s)).filter((r): r is repo.ResourceRow => !!r);
  return formatCitations(await citables(hub, ordered), format);
}
