import { expect, type APIRequestContext } from '@playwright/test';

/** A message in the hub's dev outbox, as /dev/mail.json lists it. */
interface StoredMail {
  to: string;
  subject: string;
  text: string;
}

/** The path of the newest link mailed to `email` (links carry the hub's public origin, which may differ). */
export async function mailedLink(request: APIRequestContext, email: string, path: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(async () => {
      const mails = (await (await request.get('/dev/mail.json')).json()) as StoredMail[];
      const links = mails
        .filter((mail) => mail.to === email)
        .flatMap((mail) => mail.text.match(/https?:\/\/\S+/g) ?? [])
        .filter((link) => new URL(link).pathname === path);
      found = links.at(-1);
      return found;
    })
    .toBeTruthy();
  const url = new URL(found!);
  return url.pathname + url.search;
}
