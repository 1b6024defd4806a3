import type { Locale } from './locales';
import type { OrganisationType, Theme } from './taxonomy';

/*
 * The taxonomy's labels in the hub's three languages, for the server: the search index
 * makes them searchable ("clima", "despejos", "rental" find organisations by theme or type).
 * The web app shows the same labels from its messages (apps/web/messages/*.json), which
 * paraglide compiles; apps/web/src/lib/i18n/taxonomy-labels.test.ts fails when the two differ.
 */

export const themeLabels: Record<Theme, Record<Locale, string>> = {
  housing_policy: { es: 'Política de vivienda y derecho a la vivienda', pt: 'Política habitacional e direito à moradia', en: 'Housing policy and the right to housing' },
  economic_growth: { es: 'Crecimiento económico equitativo y medios de vida', pt: 'Crescimento econômico equitativo e meios de vida', en: 'Equitable economic growth and livelihoods' },
  settlement_upgrading: { es: 'Mejoramiento de asentamientos informales', pt: 'Urbanização de favelas e assentamentos precários', en: 'Informal settlement upgrading' },
  land_tenure: { es: 'Tenencia del suelo y captura de plusvalías', pt: 'Posse da terra e recuperação de mais-valias', en: 'Land tenure and land value capture' },
  housing_finance: { es: 'Financiamiento de vivienda y microfinanzas', pt: 'Financiamento habitacional e microfinanças', en: 'Housing finance and microfinance' },
  rental_housing: { es: 'Vivienda en alquiler', pt: 'Moradia de aluguel', en: 'Rental housing' },
  social_housing: { es: 'Vivienda social y pública', pt: 'Habitação social e pública', en: 'Social and public housing' },
  incremental_housing: { es: 'Vivienda progresiva y autoconstrucción', pt: 'Moradia progressiva e autoconstrução', en: 'Incremental and self-help housing' },
  climate_resilience: { es: 'Resiliencia climática y riesgo de desastres', pt: 'Resiliência climática e risco de desastres', en: 'Climate resilience and disaster risk' },
  gender: { es: 'Género y vivienda', pt: 'Gênero e moradia', en: 'Gender and housing' },
  migration: { es: 'Migración y desplazamiento', pt: 'Migração e deslocamento', en: 'Migration and displacement' },
  secondary_cities: { es: 'Ciudades intermedias', pt: 'Cidades médias', en: 'Secondary cities' },
  basic_services: { es: 'Servicios básicos (agua, saneamiento, energía)', pt: 'Serviços básicos (água, saneamento, energia)', en: 'Basic services (water, sanitation, energy)' },
  urban_planning: { es: 'Planificación urbana y regulación', pt: 'Planejamento urbano e regulação', en: 'Urban planning and regulation' },
  data_monitoring: { es: 'Datos, monitoreo y evaluación', pt: 'Dados, monitoramento e avaliação', en: 'Data, monitoring and evaluation' },
  evictions: { es: 'Desalojos y reasentamiento', pt: 'Despejos, remoções e reassentamento', en: 'Evictions and resettlement' }
};

export const organisationTypeLabels: Record<OrganisationType, Record<Locale, string>> = {
  ngo: { es: 'ONG', pt: 'ONG', en: 'NGO' },
  community_based: { es: 'Organización comunitaria', pt: 'Organização comunitária', en: 'Community-based organisation' },
  national_government: { es: 'Gobierno nacional', pt: 'Governo nacional', en: 'National government' },
  local_government: { es: 'Gobierno local', pt: 'Governo local', en: 'Local government' },
  academia: { es: 'Universidades y centros de investigación', pt: 'Universidades e centros de pesquisa', en: 'Academia and research' },
  private_sector: { es: 'Sector privado', pt: 'Setor privado', en: 'Private sector' },
  multilateral: { es: 'Organismo multilateral o agencia de cooperación', pt: 'Organismo multilateral ou agência de cooperação', en: 'Multilateral or donor agency' },
  financial_institution: { es: 'Institución financiera', pt: 'Instituição financeira', en: 'Financial institution' },
  professional_association: { es: 'Asociación profesional', pt: 'Associação profissional', en: 'Professional association' },
  network: { es: 'Red o alianza', pt: 'Rede ou aliança', en: 'Network or alliance' }
};
