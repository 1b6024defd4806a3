import type { HomeSectionKey } from '@mutirao/shared';
import { m } from '$lib/paraglide/messages';

/**
 * The heading of each home section, in the reader's language. Keyed by every key a
 * domain may send (packages/shared/src/schemas/sections.ts), so a new key without a
 * heading fails the type check.
 */
export const homeSectionTitles: Record<HomeSectionKey, () => string> = {
  invitations: m.home_section_invitations,
  joinRequestsToDecide: m.home_section_joinRequestsToDecide,
  myApplications: m.home_section_myApplications,
  myJoinRequests: m.home_section_myJoinRequests,
  reviewQueue: m.home_section_reviewQueue,
  myOrganisations: m.home_section_myOrganisations,
  recentNotifications: m.home_section_recentNotifications,
  peopleWithMyThemes: m.home_section_peopleWithMyThemes,
  watchedThreads: m.home_section_watchedThreads,
  unansweredInMyThemes: m.home_section_unansweredInMyThemes,
  flaggedPosts: m.home_section_flaggedPosts,
  myRegistrations: m.home_section_myRegistrations,
  eventsForMe: m.home_section_eventsForMe,
  eventsToPublish: m.home_section_eventsToPublish,
  newResourcesInMyThemes: m.home_section_newResourcesInMyThemes,
  resourcesToReview: m.home_section_resourcesToReview,
  mySubmissions: m.home_section_mySubmissions
};
