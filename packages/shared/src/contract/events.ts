import { Type } from '@sinclair/typebox';
import {
  AttendanceFiguresSchema,
  AttendeeListSchema,
  AttendeeQuery,
  CalendarFeedSchema,
  CancelEventBody,
  CheckInBody,
  EventCardSchema,
  EventCreateBody,
  EventFormatSchema,
  EventIdParams,
  EventListQuery,
  EventListSchema,
  EventPageSchema,
  EventQuestionSchema,
  EventSchema,
  EventStatusSchema,
  EventUpdateBody,
  FeedTokenParams,
  MessageAttendeesBody,
  MyRegistrationSchema,
  RegisterBody,
  RegistrationParams,
  RegistrationResultSchema,
  RegistrationStatusSchema
} from '../schemas/events';
import { defineContract, defineRoute } from './define';

const EventResponse = Type.Object({ event: EventSchema });
const organisers = 'Coordinators, and the admins of an organisation hosting the event.';
const hidden = 'Drafts and submitted events answer 404 to anyone but their organisers.';

const routes = {
  listEvents: defineRoute({
    operationId: 'listEvents',
    method: 'GET',
    path: '/events',
    tag: 'events',
    summary: 'Upcoming or past published events, with filters',
    description: '`q` searches titles, places and descriptions (Meilisearch); without it the list comes from the database. Coordinators may ask for drafts and submitted events with `status`.',
    audience: 'public',
    query: EventListQuery,
    responses: { 200: EventListSchema },
    problems: ['search_unavailable']
  }),
  getEvent: defineRoute({
    operationId: 'getEvent',
    method: 'GET',
    path: '/events/{id}',
    tag: 'events',
    summary: 'An event, and the viewer’s registration',
    description: `The online link only for confirmed attendees and organisers. ${hidden}`,
    audience: 'public',
    params: EventIdParams,
    responses: { 200: EventPageSchema },
    problems: ['not_found']
  }),
  createEvent: defineRoute({
    operationId: 'createEvent',
    method: 'POST',
    path: '/events',
    tag: 'events',
    summary: 'Draft an event',
    description: 'Coordinators draft any event; an approved organisation’s admins draft events their organisation hosts. Times are local wall times in `timeZone`.',
    audience: 'signedIn',
    access: organisers,
    body: EventCreateBody,
    responses: { 201: EventResponse },
    problems: ['forbidden']
  }),
  updateEvent: defineRoute({
    operationId: 'updateEvent',
    method: 'PATCH',
    path: '/events/{id}',
    tag: 'events',
    summary: 'Edit an event',
    description: 'Raising the capacity promotes people from the waitlist; lowering it below the confirmed count is refused. Moving the event reschedules its reminders.',
    audience: 'signedIn',
    access: `${organisers} Once published, coordinators only.`,
    params: EventIdParams,
    body: EventUpdateBody,
    responses: { 200: EventResponse },
    problems: ['forbidden', 'not_found', 'capacity_below_confirmed', 'event_cancelled']
  }),
  submitEvent: defineRoute({
    operationId: 'submitEvent',
    method: 'POST',
    path: '/events/{id}/submit',
    tag: 'events',
    summary: 'Ask a coordinator to publish a draft',
    audience: 'signedIn',
    access: organisers,
    params: EventIdParams,
    responses: { 200: EventResponse },
    problems: ['forbidden', 'not_found', 'invalid_event_status']
  }),
  publishEvent: defineRoute({
    operationId: 'publishEvent',
    method: 'POST',
    path: '/events/{id}/publish',
    tag: 'events',
    summary: 'Publish a draft or submitted event',
    audience: 'coordinator',
    params: EventIdParams,
    responses: { 200: EventResponse },
    problems: ['not_found', 'invalid_event_status']
  }),
  cancelEvent: defineRoute({
    operationId: 'cancelEvent',
    method: 'POST',
    path: '/events/{id}/cancel',
    tag: 'events',
    summary: 'Cancel an event; people registered are told by email',
    audience: 'coordinator',
    params: EventIdParams,
    body: CancelEventBody,
    bodyOptional: true,
    responses: { 200: EventResponse },
    problems: ['not_found', 'invalid_event_status']
  }),
  registerForEvent: defineRoute({
    operationId: 'registerForEvent',
    method: 'POST',
    path: '/events/{id}/registration',
    tag: 'events',
    summary: 'Register: a seat if one is left, else a place on the waitlist',
    audience: 'signedIn',
    params: EventIdParams,
    body: RegisterBody,
    bodyOptional: true,
    responses: { 201: RegistrationResultSchema },
    problems: ['not_found', 'already_registered', 'registration_closed', 'event_cancelled', 'event_not_published']
  }),
  cancelRegistration: defineRoute({
    operationId: 'cancelRegistration',
    method: 'DELETE',
    path: '/events/{id}/registration',
    tag: 'events',
    summary: 'Cancel my registration; the first person waiting takes the seat',
    audience: 'signedIn',
    params: EventIdParams,
    responses: { 200: Type.Object({ registration: MyRegistrationSchema }) },
    problems: ['not_found', 'not_registered']
  }),
  eventIcs: defineRoute({
    operationId: 'eventIcs',
    method: 'GET',
    path: '/events/{id}/ics',
    tag: 'events',
    summary: 'The event as an iCalendar file',
    audience: 'public',
    params: EventIdParams,
    responses: { 200: Type.String() },
    produces: ['text/calendar'],
    problems: ['not_found']
  }),
  publicEventsFeed: defineRoute({
    operationId: 'publicEventsFeed',
    method: 'GET',
    path: '/calendar/events',
    tag: 'events',
    summary: 'Every published event (and cancellations) as an iCalendar feed',
    audience: 'public',
    responses: { 200: Type.String() },
    produces: ['text/calendar'],
    problems: []
  }),
  personalEventsFeed: defineRoute({
    operationId: 'personalEventsFeed',
    method: 'GET',
    path: '/calendar/personal/{token}',
    tag: 'events',
    summary: 'My registrations as an iCalendar feed, by its secret address',
    audience: 'public',
    params: FeedTokenParams,
    responses: { 200: Type.String() },
    produces: ['text/calendar'],
    problems: ['not_found']
  }),
  myCalendarFeed: defineRoute({
    operationId: 'myCalendarFeed',
    method: 'GET',
    path: '/me/calendar-feed',
    tag: 'events',
    summary: 'The address of my personal calendar feed (made on first use)',
    audience: 'signedIn',
    responses: { 200: CalendarFeedSchema },
    problems: []
  }),
  resetCalendarFeed: defineRoute({
    operationId: 'resetCalendarFeed',
    method: 'POST',
    path: '/me/calendar-feed/reset',
    tag: 'events',
    summary: 'A new address for my personal feed; the old one stops working',
    audience: 'signedIn',
    responses: { 200: CalendarFeedSchema },
    problems: []
  }),
  listAttendees: defineRoute({
    operationId: 'listAttendees',
    method: 'GET',
    path: '/events/{id}/attendees',
    tag: 'events',
    summary: 'Confirmed, waitlisted and cancelled registrations, with their answers',
    audience: 'signedIn',
    access: organisers,
    params: EventIdParams,
    query: AttendeeQuery,
    responses: { 200: AttendeeListSchema },
    problems: ['forbidden', 'not_found']
  }),
  exportAttendees: defineRoute({
    operationId: 'exportAttendees',
    method: 'GET',
    path: '/events/{id}/attendees.csv',
    tag: 'events',
    summary: 'The attendee list as CSV',
    audience: 'signedIn',
    access: organisers,
    params: EventIdParams,
    responses: { 200: Type.String() },
    produces: ['text/csv'],
    problems: ['forbidden', 'not_found']
  }),
  checkInAttendee: defineRoute({
    operationId: 'checkInAttendee',
    method: 'POST',
    path: '/events/{id}/attendees/{registrationId}/check-in',
    tag: 'events',
    summary: 'Mark a confirmed attendee as attended (or not)',
    audience: 'signedIn',
    access: organisers,
    params: RegistrationParams,
    body: CheckInBody,
    responses: { 200: Type.Object({ checkedInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), checkedIn: Type.Integer() }) },
    problems: ['forbidden', 'not_found', 'not_registered']
  }),
  messageAttendees: defineRoute({
    operationId: 'messageAttendees',
    method: 'POST',
    path: '/events/{id}/messages',
    tag: 'events',
    summary: 'Email every confirmed attendee',
    audience: 'signedIn',
    access: organisers,
    params: EventIdParams,
    body: MessageAttendeesBody,
    responses: { 202: Type.Object({ recipients: Type.Integer() }) },
    problems: ['forbidden', 'not_found']
  }),
  attendanceFigures: defineRoute({
    operationId: 'attendanceFigures',
    method: 'GET',
    path: '/events/{id}/attendance',
    tag: 'events',
    summary: 'Attendance per country and per organisation',
    audience: 'signedIn',
    access: organisers,
    params: EventIdParams,
    responses: { 200: AttendanceFiguresSchema },
    problems: ['forbidden', 'not_found']
  })
} as const;

export const eventsContract = defineContract({
  tags: { events: 'Events: drafting and publishing, registration with a waitlist, calendars, check-in.' },
  problems: {
    already_registered: { status: 409, description: 'You are already registered (or waiting) for this event.' },
    not_registered: { status: 409, description: 'There is no active registration to change.' },
    registration_closed: { status: 409, description: 'Registration is not open for this event (not yet, or any more).' },
    event_cancelled: { status: 409, description: 'The event was cancelled.' },
    event_not_published: { status: 403, description: 'The event is not published yet: nobody can register.' },
    invalid_event_status: { status: 409, description: 'The event’s status does not allow this change.' },
    capacity_below_confirmed: { status: 409, description: 'More people are confirmed than the new capacity; cancel registrations first.' }
  },
  routes,
  named: {
    Event: EventSchema,
    EventPage: EventPageSchema,
    EventCard: EventCardSchema,
    EventList: EventListSchema,
    EventFormat: EventFormatSchema,
    EventStatus: EventStatusSchema,
    EventQuestion: EventQuestionSchema,
    EventCreate: EventCreateBody,
    EventUpdate: EventUpdateBody,
    Registration: MyRegistrationSchema,
    RegistrationStatus: RegistrationStatusSchema,
    AttendeeList: AttendeeListSchema,
    AttendanceFigures: AttendanceFiguresSchema
  }
});
