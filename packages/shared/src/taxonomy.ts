/**
 * The hub's shared taxonomy. Codes are stable identifiers stored in the database
 * and sent to the search index; labels live in the web app's message catalogues.
 */
export const themes = [
  'housing_policy',
  'economic_growth',
  'settlement_upgrading',
  'land_tenure',
  'housing_finance',
  'rental_housing',
  'social_housing',
  'incremental_housing',
  'climate_resilience',
  'gender',
  'migration',
  'secondary_cities',
  'basic_services',
  'urban_planning',
  'data_monitoring',
  'evictions'
] as const;
export type Theme = (typeof themes)[number];

export const organisationTypes = [
  'ngo',
  'community_based',
  'national_government',
  'local_government',
  'academia',
  'private_sector',
  'multilateral',
  'financial_institution',
  'professional_association',
  'network'
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const resourceTypes = [
  'report',
  'policy_brief',
  'toolkit',
  'case_study',
  'academic_paper',
  'dataset',
  'law',
  'presentation',
  'video',
  'news'
] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** Licences a library resource may carry (SPDX-like codes; the web names them). */
export const resourceLicences = [
  'cc-by-4.0',
  'cc-by-sa-4.0',
  'cc-by-nc-4.0',
  'cc-by-nc-sa-4.0',
  'cc-by-nd-4.0',
  'cc0-1.0',
  'public-domain',
  'all-rights-reserved',
  'other'
] as const;
export type ResourceLicence = (typeof resourceLicences)[number];

/** Latin America and the Caribbean: listed first in country pickers. */
export const regionCountries = [
  'AG', 'AI', 'AR', 'AW', 'BB', 'BL', 'BM', 'BO', 'BQ', 'BR', 'BS', 'BZ', 'CL', 'CO', 'CR', 'CU',
  'CW', 'DM', 'DO', 'EC', 'FK', 'GD', 'GF', 'GP', 'GT', 'GY', 'HN', 'HT', 'JM', 'KN', 'KY', 'LC',
  'MF', 'MQ', 'MS', 'MX', 'NI', 'PA', 'PE', 'PR', 'PY', 'SR', 'SV', 'SX', 'TC', 'TT', 'UY', 'VC',
  'VE', 'VG', 'VI'
] as const;

const otherCountries = [
  'AD', 'AE', 'AF', 'AL', 'AM', 'AO', 'AQ', 'AS', 'AT', 'AU', 'AX', 'AZ', 'BA', 'BD', 'BE', 'BF',
  'BG', 'BH', 'BI', 'BJ', 'BN', 'BT', 'BV', 'BW', 'BY', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI',
  'CK', 'CM', 'CN', 'CV', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DZ', 'EE', 'EG', 'EH', 'ER', 'ES',
  'ET', 'FI', 'FJ', 'FM', 'FO', 'FR', 'GA', 'GB', 'GE', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GQ',
  'GR', 'GS', 'GU', 'GW', 'HK', 'HM', 'HR', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR',
  'IS', 'IT', 'JE', 'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KP', 'KR', 'KW', 'KZ', 'LA', 'LB',
  'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MG', 'MH', 'MK', 'ML',
  'MM', 'MN', 'MO', 'MP', 'MR', 'MT', 'MU', 'MV', 'MW', 'MY', 'MZ', 'NA', 'NC', 'NE', 'NF', 'NG',
  'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PS', 'PT',
  'PW', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW', 'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ',
  'SK', 'SL', 'SM', 'SN', 'SO', 'SS', 'ST', 'SY', 'SZ', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL',
  'TM', 'TN', 'TO', 'TR', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UZ', 'VA', 'VN', 'VU', 'WF',
  'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW'
] as const;

/** ISO 3166-1 alpha-2, the region first. Names come from Intl.DisplayNames in the viewer's language. */
export const countries = [...regionCountries, ...otherCountries] as const;
export type Country = (typeof countries)[number];

export function isCountry(code: unknown): code is Country {
  return typeof code === 'string' && (countries as readonly string[]).includes(code);
}
