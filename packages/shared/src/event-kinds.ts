// The events' fixed lists, without TypeBox: pages import them in the browser, where the
// schemas (schemas/events.ts) would bring TypeBox along (about 14 KiB gzip on every page
// whose chunk they landed in).
export const eventFormats = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof eventFormats)[number];
/** draft → submitted (an organisation's admin asks a coordinator) → published → cancelled. */
export const eventStatuses = ['draft', 'submitted', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const questionKinds = ['text', 'choice'] as const;
export type QuestionKind = (typeof questionKinds)[number];
