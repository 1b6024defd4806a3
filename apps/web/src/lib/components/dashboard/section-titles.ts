import type { HomeSectionKey } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';

/**
 * The heading of each home section, in the reader's language. Keyed by every key a
 * domain may send (packages/shared/src/schemas/sections.ts), so a new key without a
 * heading fails the type check.
 */
export const homeSectionTitles: Record<HomeSectionKey, () => string> = {
  invitations: m.home_section_invitations,
  joinRequestsToDecide: m.home_section_join_requests_to_decide,
  myApplications: m.home_section_my_applications,
  myJoinRequests: m.home_section_my_join_requests,
  reviewQueue: m.home_section_review_queue,
  myOrganisations: m.home_section_my_organisations,
  recentNotifications: m.home_section_recent_notifications,
  peopleWithMyThemes: m.home_section_people_with_my_themes,
  watchedThreads: m.home_section_watched_threads,
  unansweredInMyThemes: m.home_section_unanswered_in_my_themes,
  flaggedPosts: m.home_section_flagged_posts,
  myRegistrations: m.home_section_my_registrations,
  eventsForMe: m.home_section_events_for_me,
  eventsToPublish: m.home_section_events_to_publish,
  newResourcesInMyThemes: m.home_section_new_resources_in_my_themes,
  resourcesToReview: m.home_section_resources_to_review,
  mySubmissions: m.home_section_my_submissions
};
