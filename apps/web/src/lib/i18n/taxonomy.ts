import type { OrganisationType, ResourceType, Theme } from '@mutirao/shared/taxonomy';
import { m } from '$lib/paraglide/messages';

// Explicit maps rather than m[`theme_${code}`]: a code added to the taxonomy without a
// label fails the type check, and the bundler can still drop messages nobody uses.
const themeLabels: Record<Theme, () => string> = {
  housing_policy: m.theme_housing_policy,
  economic_growth: m.theme_economic_growth,
  settlement_upgrading: m.theme_settlement_upgrading,
  land_tenure: m.theme_land_tenure,
  housing_finance: m.theme_housing_finance,
  rental_housing: m.theme_rental_housing,
  social_housing: m.theme_social_housing,
  incremental_housing: m.theme_incremental_housing,
  climate_resilience: m.theme_climate_resilience,
  gender: m.theme_gender,
  migration: m.theme_migration,
  secondary_cities: m.theme_secondary_cities,
  basic_services: m.theme_basic_services,
  urban_planning: m.theme_urban_planning,
  data_monitoring: m.theme_data_monitoring,
  evictions: m.theme_evictions
};

const organisationTypeLabels: Record<OrganisationType, () => string> = {
  ngo: m.org_type_ngo,
  community_based: m.org_type_community_based,
  national_government: m.org_type_national_government,
  local_government: m.org_type_local_government,
  academia: m.org_type_academia,
  private_sector: m.org_type_private_sector,
  multilateral: m.org_type_multilateral,
  financial_institution: m.org_type_financial_institution,
  professional_association: m.org_type_professional_association,
  network: m.org_type_network
};

const resourceTypeLabels: Record<ResourceType, () => string> = {
  report: m.resource_type_report,
  policy_brief: m.resource_type_policy_brief,
  toolkit: m.resource_type_toolkit,
  case_study: m.resource_type_case_study,
  academic_paper: m.resource_type_academic_paper,
  dataset: m.resource_type_dataset,
  law: m.resource_type_law,
  presentation: m.resource_type_presentation,
  video: m.resource_type_video,
  news: m.resource_type_news
};

/** The label of a theme in the current language; an unknown code is shown as is. */
export function themeLabel(code: string): string {
  return themeLabels[code as Theme]?.() ?? code;
}

export function organisationTypeLabel(code: string): string {
  return organisationTypeLabels[code as OrganisationType]?.() ?? code;
}

export function resourceTypeLabel(code: string): string {
  return resourceTypeLabels[code as ResourceType]?.() ?? code;
}
