/**
 * An http(s) address that may be internationalised (RFC 3987): accented paths and
 * hostnames such as https://município.br/habitação are websites people really have,
 * and JSON Schema's `uri` format refuses them. The WHATWG URL parser decides.
 */
export function isHttpIri(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (value.length > 2000 || /[\s<>"{}|\\^`\u0000-\u001f\u007f]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !url.username && !url.password;
}
