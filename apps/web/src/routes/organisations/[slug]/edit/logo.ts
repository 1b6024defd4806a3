import type { Problem } from '@mutirao/shared';

/**
 * Why the hub refused a logo, in terms the person can act on. The API judges the
 * bytes (organisations.logo.ts) and answers `invalid_logo` both for a file that only
 * pretends to be an image (a text file named logo.png) and for one in a format the
 * hub does not take (a GIF); what the person claimed the file was tells the two apart.
 */
export const logoRefusals = ['required', 'empty', 'too_large', 'unsafe_svg', 'fake', 'unsupported'] as const;
export type LogoRefusal = (typeof logoRefusals)[number];
export const isLogoRefusal = (text: string): text is LogoRefusal => (logoRefusals as readonly string[]).includes(text);

/** The types and extensions the form accepts; a file claiming one of them but refused was not what it said. */
const acceptedTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']);
const acceptedName = /\.(png|jpe?g|webp|svg)$/i;

export interface ChosenFile {
  name: string;
  type: string;
}

export function logoRefusal(problem: Pick<Problem, 'code' | 'fields'>, file: ChosenFile | null): LogoRefusal | null {
  const fieldCode = problem.fields?.find((issue) => issue.field === 'logo')?.code;
  switch (problem.code) {
    case 'logo_too_large':
      return 'too_large';
    case 'unsafe_logo':
      return 'unsafe_svg';
    case 'invalid_logo':
      if (fieldCode === 'empty') return 'empty';
      return file && (acceptedTypes.has(file.type) || acceptedName.test(file.name)) ? 'fake' : 'unsupported';
    case 'validation_failed':
      // No file in the field `logo`, or more than one part: either way, choose one file.
      return fieldCode ? 'required' : null;
    default:
      return null;
  }
}

/** SvelteKit's own refusal of a body over BODY_SIZE_LIMIT, thrown while reading the form. */
export function isBodyTooLarge(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { status?: unknown }).status === 413) return true;
  }
  return false;
}
