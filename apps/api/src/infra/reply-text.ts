/**
 * What a person wrote in a reply by mail, without what their mail program added:
 * the quoted message (lines starting with `>`, and everything after an
 * "On … wrote:" line in English, Spanish or Portuguese, or after an Outlook
 * "Original Message" / "From: … Sent: …" block) and the signature (after a `-- `
 * line, or a "Sent from my phone" line).
 *
 * Everything after a quote header goes, not only the `>` lines: some programs
 * (Outlook, some webmails) quote without `>`. Interleaved answers between `>`
 * lines stay, since only the quoted lines go.
 */

/** "On Mon, 30 Nov 2026 at 10:00, Ana <ana@example.org> wrote:" and its Spanish and Portuguese twins. */
const QUOTE_HEADER = [
  /^On\s.+\swrote:$/i,
  /^El\s.+\sescribió:$/i,
  /^Em\s.+\sescreveu:$/i,
  /^Le\s.+\sa écrit\s?:$/i
];
/** Outlook and friends: a rule line before the quoted message. */
const ORIGINAL_MESSAGE = /^-{2,}\s*(original message|mensaje original|mensagem original|forwarded message|mensaje reenviado|mensagem encaminhada)\s*-{2,}$/i;
/** Outlook's header block without a rule: "From: …" followed by "Sent: …" or "Date: …". */
const FROM_LINE = /^\*?(from|de):\*?\s/i;
const SENT_LINE = /^\*?(sent|date|enviado|enviada|fecha|data):\*?\s/i;
/** RFC 3676's signature separator ("-- "); many programs trim its space. */
const SIGNATURE = /^-- ?$/;
const SENT_FROM_DEVICE = /^(sent from my|enviado desde mi|enviado do meu|enviado de meu|get outlook for)\b/i;

/** A header a mail program may wrap over two lines ("On …, Ana\n<ana@…> wrote:"). */
function isQuoteHeader(line: string, next: string | undefined): boolean {
  const one = line.trim();
  if (QUOTE_HEADER.some((re) => re.test(one))) return true;
  if (next !== undefined && !next.trimStart().startsWith('>')) {
    const two = `${one} ${next.trim()}`;
    if (/^(On|El|Em|Le)\s/i.test(one) && QUOTE_HEADER.some((re) => re.test(two))) return true;
  }
  return false;
}

export function stripReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (isQuoteHeader(line, lines[i + 1])) break;
    if (ORIGINAL_MESSAGE.test(trimmed)) break;
    if (FROM_LINE.test(trimmed) && SENT_LINE.test((lines[i + 1] ?? '').trim())) break;
    if (SIGNATURE.test(line.trimEnd())) break;
    if (SENT_FROM_DEVICE.test(trimmed)) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line.trimEnd());
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
