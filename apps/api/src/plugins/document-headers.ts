/**
 * Helmet's headers that only mean something on a document (framing, the opener, the
 * agent cluster, DNS prefetching, IE's download prompt, Flash's policy files, the XSS
 * auditor). A page loads twenty-odd hashed scripts, JSON and images; each copy of these
 * is ~250 bytes sent uncompressed, so they are left off everything but HTML.
 * nosniff, Cross-Origin-Resource-Policy and Referrer-Policy stay on every response.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection'
];
