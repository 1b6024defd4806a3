import { describe, expect, it } from 'vitest';
import { excerpt, renderMarkdown } from './markdown';
import { XSS_CORPUS } from './markdown.xss-corpus';

const IMAGES = { imagePrefix: '/api/images/' };

/** What must never appear in stored HTML, whatever the input. */
function assertInert(html: string) {
  // Escaped text (`&lt;script&gt;`) is harmless; only real tags are examined.
  const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  for (const [tag, name, attributes] of tags) {
    expect(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'form', 'input', 'base', 'details']).not.toContain(name.toLowerCase());
    expect(attributes, tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(attributes, tag).not.toMatch(/\sstyle\s*=/i);
    expect(attributes, tag).not.toMatch(/(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data|file):/i);
    expect(attributes, tag).not.toMatch(/(href|src)\s*=\s*["']?\/\//i);
    if (name === 'a') expect(attributes).toContain('rel="nofollow ugc noopener"');
    if (name === 'img') expect(attributes).toMatch(/^ src="\/api\/images\/[\w/.-]+"/);
  }
}

describe('Markdown rendering', () => {
  it('renders the ordinary things people write', () => {
    const { html, text } = renderMarkdown('# Title\n\nSome **bold** and _em_, a [link](https://example.org/a?b=1).\n\n- one\n- two\n\n> quoted\n\n`code`');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.org/a?b=1" rel="nofollow ugc noopener">link</a>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(text).toBe('Title Some bold and em, a link. one two quoted code');
  });

  it('links bare addresses and marks them as user content', () => {
    expect(renderMarkdown('see https://hub.example.org/x').html).toBe(
      '<p>see <a href="https://hub.example.org/x" rel="nofollow ugc noopener">https://hub.example.org/x</a></p>'
    );
  });

  it('keeps the hub’s own uploaded images and turns any other image into its text', () => {
    expect(renderMarkdown('![plan](/api/images/abc.webp)', IMAGES).html).toBe(
      '<p><img src="/api/images/abc.webp" alt="plan" loading="lazy" decoding="async" /></p>'
    );
    expect(renderMarkdown('![plan](https://elsewhere.example/x.png)', IMAGES).html).toBe('<p><span>plan</span></p>');
    expect(renderMarkdown('![plan](/api/images/abc.webp)').html).toBe('<p><span>plan</span></p>');
    expect(renderMarkdown('![x](/api/images/../secret)', IMAGES).html).toBe('<p><span>x</span></p>');
  });

  it('escapes raw HTML as text instead of interpreting it', () => {
    expect(renderMarkdown('<b>hi</b>').html).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>');
  });

  it('drops control characters and bidi overrides', () => {
    expect(renderMarkdown('a\u0000b\u202Ec\u0007d').text).toBe('abcd');
  });

  it(`renders all ${XSS_CORPUS.length} hostile payloads inert`, () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(30);
    for (const payload of XSS_CORPUS) {
      const { html } = renderMarkdown(payload, IMAGES);
      try {
        assertInert(html);
      } catch (error) {
        throw new Error(`payload ${JSON.stringify(payload)} rendered ${JSON.stringify(html)}: ${(error as Error).message}`);
      }
    }
  });

  it('the inertness check itself catches what it should', () => {
    expect(() => assertInert('<a href="javascript:alert(1)">x</a>')).toThrow();
    expect(() => assertInert('<img src=x onerror=alert(1)>')).toThrow();
    expect(() => assertInert('<p style="x">')).toThrow();
    expect(() => assertInert('<a href="https://x">x</a>')).toThrow();
    expect(() => assertInert('<svg>')).toThrow();
    expect(() => assertInert('<img src="//evil.example/x">')).toThrow();
    expect(() => assertInert('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).not.toThrow();
  });

  it('cuts excerpts at a word boundary', () => {
    expect(excerpt('short')).toBe('short');
    expect(excerpt('one two three four five', 12)).toBe('one two…');
  });
});
