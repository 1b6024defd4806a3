/**
 * Errors a multipart parser raises while reading a request body that was cut
 * short or badly framed. They carry no HTTP status (they come from streams, not
 * from Fastify), so without this they would be answered as our own failure.
 */
const MALFORMED_MULTIPART = [
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Multipart: Boundary not found$/,
  /^Malformed part header$/
];

export function isMalformedBodyError(error: { code?: string; message?: string }): boolean {
  if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return MALFORMED_MULTIPART.some((pattern) => pattern.test(error.message ?? ''));
}
