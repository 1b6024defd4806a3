import type { Locale, User } from '@mutirao/shared';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Where to go instead, when a form was refused for coming from another origin. */
      origin?: string;
    }
    interface Locals {
      /** The signed-in person, from GET /api/me; null for a visitor. */
      user: User | null;
      /** The interface language chosen for this request (see hooks.server.ts). */
      locale: Locale;
      /** IANA time zone for showing dates; from the `tz` cookie, UTC until the browser has set it. */
      timeZone: string;
    }
    interface PageData {
      user: User | null;
      locale: Locale;
      timeZone: string;
    }
  }
}

export {};
