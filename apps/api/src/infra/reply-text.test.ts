import { describe, expect, it } from 'vitest';
import { stripReplyText } from './reply-text';

describe('stripReplyText', () => {
  it('keeps what was written above an "On … wrote:" header, in English, Spanish and Portuguese', () => {
    const quoted = '> Ana mentioned you\n> in the thread';
    expect(stripReplyText(`Thanks, that helps.\r\n\r\nOn Mon, 30 Nov 2026 at 10:00, Mutirão <reply@hub> wrote:\r\n${quoted}`)).toBe('Thanks, that helps.');
    expect(stripReplyText(`Gracias.\n\nEl lun, 30 nov 2026 a las 10:00, Mutirão (<reply@hub>) escribió:\n${quoted}`)).toBe('Gracias.');
    expect(stripReplyText(`Obrigado!\n\nEm seg., 30 de nov. de 2026 às 10:00, Mutirão <reply@hub> escreveu:\n\n${quoted}`)).toBe('Obrigado!');
  });

  it('finds a header a mail program wrapped over two lines', () => {
    expect(stripReplyText('Yes.\n\nOn Mon, 30 Nov 2026 at 10:00, Ana Souza\n<ana@example.org> wrote:\n> old')).toBe('Yes.');
  });

  it('drops quoted lines but keeps answers written between them', () => {
    expect(stripReplyText('> Which city?\nLima.\n> And the fund?\nRotating, since 2019.')).toBe('Lima.\nRotating, since 2019.');
  });

  it('drops the signature, a phone’s line and an Outlook quote', () => {
    expect(stripReplyText('See you there.\n\n-- \nAna Souza\nTECHO')).toBe('See you there.');
    expect(stripReplyText('See you there.\n--\nAna')).toBe('See you there.');
    expect(stripReplyText('Ok\n\nEnviado desde mi iPhone')).toBe('Ok');
    expect(stripReplyText('Ok\n\n-----Original Message-----\nFrom: Mutirão\nquoted')).toBe('Ok');
    expect(stripReplyText('Ok\n\nFrom: Mutirão <reply@hub>\nSent: Monday\nTo: Ana\nquoted')).toBe('Ok');
    expect(stripReplyText('Ok\n\nDe: Mutirão <reply@hub>\nEnviado: lunes\nquoted')).toBe('Ok');
  });

  it('keeps ordinary text, Markdown included, and leaves nothing for a reply that was only a quote', () => {
    expect(stripReplyText('First line\n\n\n\n- a point\n- another\n\nOn the other hand, we wrote: more')).toBe('First line\n\n- a point\n- another\n\nOn the other hand, we wrote: more');
    expect(stripReplyText('\n\nOn Mon, Ana <a@b> wrote:\n> all quoted')).toBe('');
  });
});
