import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown written by people (biographies, posts, event descriptions, resource
 * summaries) becomes HTML here, on the server, once, when it is saved.
 *
 * Two layers, so that neither has to be perfect alone:
 * 1. markdown-it with `html: false`: raw HTML in the source is escaped as text,
 *    and its own link validator refuses `javascript:`, `vbscript:`, `file:` and
 *    non-image `data:` URLs.
 * 2. sanitize-html, a maintained allowlist sanitiser, over the rendered HTML:
 *    only the tags and attributes listed below survive, link schemes are
 *    http/https/mailto, no `style`, no event handlers, and every link gets
 *    `rel="nofollow ugc noopener"`.
 *
 * Images are kept only when their address is one of the hub's own uploads
 * (`imagePrefix`): an image is never hot-linked from elsewhere. Any other image
 * becomes its alternative text.
 */

export interface MarkdownOptions {
  /** Addresses starting with this are the hub's own processed uploads (e.g. `/api/images/`). */
  readonly imagePrefix?: string;
  /**
   * What the hub knows of one of its images (by its address): its size, so the page
   * keeps its place before it loads, and a larger variant for dense screens. An image
   * it does not know (undefined) is dropped like a foreign one. Without this, own
   * images are kept as they are.
   */
  readonly imageInfo?: (src: string) => ImageInfo | undefined;
}

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  /** A `srcset` value (`/api/images/…/1600.webp 2x`), written as given. */
  readonly srcset?: string;
}

export interface RenderedMarkdown {
  /** Sanitised HTML, safe to insert into a page. */
  readonly html: string;
  /** The words alone, for search indexes, snippets and mail. */
  readonly text: string;
}

const parser = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'a', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'
];

/** Headings start at level 2: the page's own title is the only h1. */
const HEADING_SHIFT: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

function sanitiserOptions(options: MarkdownOptions): sanitizeHtml.IOptions {
  const prefix = options.imagePrefix;
  return {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title'],
      ol: ['start'],
      th: ['align'],
      td: ['align']
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    allowedStyles: {},
    disallowedTagsMode: 'discard',
    enforceHtmlBoundary: false,
    transformTags: {
      ...Object.fromEntries(Object.entries(HEADING_SHIFT).map(([from, to]) => [from, to])),
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = attribs.src ?? '';
        if (prefix && src.startsWith(prefix) && !src.includes('..') && /^[\w/.\-?=&%]+$/.test(src)) {
          const own = { src, alt: attribs.alt ?? '', loading: 'lazy', decoding: 'async' };
          if (!options.imageInfo) return { tagName, attribs: own };
          const info = options.imageInfo(src);
          if (info) {
            const size = { width: String(info.width), height: String(info.height) };
            return { tagName, attribs: { ...own, ...size, ...(info.srcset && { srcset: info.srcset }) } };
          }
        }
        return { tagName: 'span', attribs: {} as sanitizeHtml.Attributes, text: attribs.alt ?? '' };
      }
    },
    // `loading`, `decoding`, `width`, `height` and `srcset` are set by the transform above, never taken from input.
    allowedSchemesAppliedToAttributes: ['href', 'cite'],
    exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href
  };
}

// The transform adds attributes the allowlist must then let through.
function withTransformAttributes(options: sanitizeHtml.IOptions): sanitizeHtml.IOptions {
  const attributes = { ...(options.allowedAttributes as Record<string, string[]>) };
  attributes.a = [...attributes.a, 'rel'];
  attributes.img = [...attributes.img, 'loading', 'decoding', 'width', 'height', 'srcset'];
  attributes.span = [];
  return { ...options, allowedAttributes: attributes, allowedTags: [...(options.allowedTags as string[]), 'span'] };
}

/** Characters that never belong in text: C0/C1 controls other than tab and newline, and bidi overrides. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Renders and sanitises Markdown. The result is what gets stored beside the source. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const clean = source.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const raw = parser.render(clean);
  const html = sanitizeHtml(raw, withTransformAttributes(sanitiserOptions(options))).trim();
  return { html, text: htmlToText(html) };
}

/** The visible words of sanitised HTML, with block boundaries as single spaces. */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote|pre|tr|td|th)>|<br\s*\/?>/g, ' '), {
    allowedTags: [],
    allowedAttributes: {}
  });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** A short plain excerpt for lists and mail: whole words, at most `max` characters. */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut.slice(0, max)).trimEnd()}…`;
}
