/**
 * A website as people type it: "www.example.org" or "example.org/about" get https://
 * in front rather than being refused. An address that names its scheme is left as it
 * is (the API refuses schemes other than http and https, and says so).
 */
export function normaliseWebsite(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  if (text.startsWith('//')) return `https:${text}`;
  return `https://${text}`;
}
