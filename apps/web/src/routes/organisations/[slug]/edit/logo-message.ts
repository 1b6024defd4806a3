import { m } from '$lib/paraglide/messages';
import { isLogoRefusal, type ChosenFile, type LogoRefusal } from './logo';

/** A refused logo in words the person can act on; used by the edit form and after an application. */
export function logoMessage(refusal: LogoRefusal, file: ChosenFile | null): string {
  const name = file?.name ?? '';
  switch (refusal) {
    case 'required':
      return m.org_logo_error_required();
    case 'empty':
      return m.org_logo_error_empty({ file: name });
    case 'too_large':
      return m.org_logo_error_too_large();
    case 'unsafe_svg':
      return m.org_logo_error_unsafe_svg();
    case 'fake':
      return m.org_logo_error_fake({ file: name });
    case 'unsupported':
      return m.org_logo_error_unsupported({ file: name });
  }
}

/** The message for a refusal named in a URL (`?logo=fake&file=…`), or undefined for anything else. */
export function logoMessageFromUrl(params: URLSearchParams): string | undefined {
  const refusal = params.get('logo');
  if (!refusal || !isLogoRefusal(refusal)) return undefined;
  return logoMessage(refusal, { name: (params.get('file') ?? '').slice(0, 200), type: '' });
}
