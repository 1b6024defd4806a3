/**
 * The demo's member organisations: fictional, with plausible names and work
 * across the region, every type and status, in the hub's three languages.
 * Websites use the reserved `.example` domain so no link leads to a real body.
 * People are referred to by their demo email (see ./people.ts).
 */
export interface DemoOrganisation {
  name: string;
  type:
    | 'ngo'
    | 'community_based'
    | 'national_government'
    | 'local_government'
    | 'academia'
    | 'private_sector'
    | 'multilateral'
    | 'financial_institution'
    | 'professional_association'
    | 'network';
  countries: string[];
  hqCity: string;
  hqCountry: string;
  domain: string;
  description: string;
  descriptionLocale: 'es' | 'pt' | 'en';
  themes: string[];
  foundedYear: number;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  /** Why it was rejected or suspended. */
  reason?: string;
  /** Applies, and becomes the first admin on approval. */
  applicant: string;
  staff?: Array<{ email: string; role?: 'admin' | 'member'; listed?: boolean; message?: string }>;
}

const d = (local: string) => `${local}@demo.mutirao.org`;
const member = 'member@demo.mutirao.org';

export const demoOrganisations: DemoOrganisation[] = [
  {
    name: 'Fundación Vivienda Digna',
    type: 'ngo',
    countries: ['CO', 'PE', 'EC'],
    hqCity: 'Bogotá',
    hqCountry: 'CO',
    domain: 'viviendadigna.example',
    description:
      'Acompañamos a familias de barrios autoconstruidos en el mejoramiento de sus viviendas, con asistencia técnica, microcréditos y trabajo con los municipios.',
    descriptionLocale: 'es',
    themes: ['social_housing', 'housing_policy', 'incremental_housing'],
    foundedYear: 1998,
    status: 'approved',
    applicant: d('camila.herrera'),
    staff: [
      { email: d('mariana.quispe'), message: 'Coordino el programa de mejoramiento en Lima.' },
      { email: d('diego.alvarado'), listed: false }
    ]
  },
  {
    name: 'Instituto Moradia e Cidade',
    type: 'academia',
    countries: ['BR'],
    hqCity: 'São Paulo',
    hqCountry: 'BR',
    domain: 'moradiaecidade.example',
    description:
      'Centro de pesquisa sobre política habitacional, mercado de terras e desigualdade urbana, com bases de dados abertas sobre as metrópoles brasileiras.',
    descriptionLocale: 'pt',
    themes: ['housing_policy', 'data_monitoring', 'urban_planning'],
    foundedYear: 1987,
    status: 'approved',
    applicant: d('beatriz.santos'),
    staff: [
      { email: d('rafael.duarte'), role: 'admin' },
      { email: member, message: 'Sou pesquisador associado do instituto.' }
    ]
  },
  {
    name: 'Caribbean Resilient Homes Network',
    type: 'network',
    countries: ['JM', 'TT', 'BB', 'DM', 'LC'],
    hqCity: 'Kingston',
    hqCountry: 'JM',
    domain: 'resilienthomes.example',
    description:
      'A network of builders, engineers and community groups sharing practical ways to make self-built homes withstand hurricanes and floods.',
    descriptionLocale: 'en',
    themes: ['climate_resilience', 'incremental_housing'],
    foundedYear: 2011,
    status: 'approved',
    applicant: d('marcus.thompson'),
    staff: [{ email: d('sophie.baptiste'), message: 'I lead our training programme in Haiti.' }]
  },
  {
    name: 'Cooperativa de Vivienda por Ayuda Mutua Los Horneros',
    type: 'community_based',
    countries: ['UY'],
    hqCity: 'Montevideo',
    hqCountry: 'UY',
    domain: 'loshorneros.example',
    description:
      'Cincuenta familias que construyeron juntas su barrio por ayuda mutua y hoy asesoran a nuevas cooperativas en la gestión de tierra y obra.',
    descriptionLocale: 'es',
    themes: ['incremental_housing', 'social_housing'],
    foundedYear: 1972,
    status: 'approved',
    applicant: d('valentina.gomez'),
    staff: [{ email: d('andrea.rojas') }]
  },
  {
    name: 'Asociación Barrios de Pie Rosario',
    type: 'community_based',
    countries: ['AR'],
    hqCity: 'Rosario',
    hqCountry: 'AR',
    domain: 'barriosdepie.example',
    description:
      'Organización vecinal que impulsa la urbanización de asentamientos: agua, cloacas y títulos para quienes viven en la costa del río.',
    descriptionLocale: 'es',
    themes: ['settlement_upgrading', 'basic_services', 'land_tenure'],
    foundedYear: 2003,
    status: 'approved',
    applicant: d('valentina.gomez')
  },
  {
    name: 'Oficina Municipal de Vivienda de Cuenca Norte',
    type: 'local_government',
    countries: ['EC'],
    hqCity: 'Cuenca',
    hqCountry: 'EC',
    domain: 'cuencanorte-vivienda.example',
    description:
      'Dependencia municipal encargada del plan de vivienda, la regularización de barrios y la gestión del suelo en la zona norte del cantón.',
    descriptionLocale: 'es',
    themes: ['urban_planning', 'land_tenure', 'secondary_cities'],
    foundedYear: 2009,
    status: 'approved',
    applicant: d('camila.herrera')
  },
  {
    name: 'Secretaria de Habitação de Vila Esperança',
    type: 'local_government',
    countries: ['BR'],
    hqCity: 'Vila Esperança',
    hqCountry: 'BR',
    domain: 'habitacao-vilaesperanca.example',
    description:
      'Secretaria municipal responsável pela urbanização de favelas, pelo aluguel social e pela mediação de conflitos fundiários.',
    descriptionLocale: 'pt',
    themes: ['settlement_upgrading', 'evictions', 'rental_housing'],
    foundedYear: 1995,
    status: 'approved',
    applicant: d('rafael.duarte'),
    staff: [{ email: d('beatriz.santos'), listed: false }]
  },
  {
    name: 'Instituto Nacional de Suelo y Vivienda Social',
    type: 'national_government',
    countries: ['GT'],
    hqCity: 'Ciudad de Guatemala',
    hqCountry: 'GT',
    domain: 'insuvis.example',
    description:
      'Entidad nacional que administra el banco de tierras públicas y los subsidios para vivienda social de interés prioritario.',
    descriptionLocale: 'es',
    themes: ['land_tenure', 'social_housing', 'housing_policy'],
    foundedYear: 1981,
    status: 'approved',
    applicant: d('diego.alvarado')
  },
  {
    name: 'National Settlements Regularisation Agency',
    type: 'national_government',
    countries: ['TT'],
    hqCity: 'Port of Spain',
    hqCountry: 'TT',
    domain: 'nsra.example',
    description:
      'The national agency that surveys informal settlements, grants certificates of comfort and plans their upgrading with local councils.',
    descriptionLocale: 'en',
    themes: ['settlement_upgrading', 'land_tenure'],
    foundedYear: 2002,
    status: 'approved',
    applicant: d('marcus.thompson')
  },
  {
    name: 'Construtora Solidária Tijolo Vivo',
    type: 'private_sector',
    countries: ['BR'],
    hqCity: 'Recife',
    hqCountry: 'BR',
    domain: 'tijolovivo.example',
    description:
      'Empresa social que oferece reformas de baixo custo com financiamento em pequenas parcelas para famílias das periferias do Recife.',
    descriptionLocale: 'pt',
    themes: ['incremental_housing', 'housing_finance'],
    foundedYear: 2014,
    status: 'approved',
    applicant: member,
    staff: [{ email: d('rafael.duarte') }]
  },
  {
    name: 'Ecomateriales Andinos',
    type: 'private_sector',
    countries: ['PE', 'BO'],
    hqCity: 'Cusco',
    hqCountry: 'PE',
    domain: 'ecomateriales.example',
    description:
      'Producimos adobe estabilizado y quincha mejorada, y capacitamos a maestros de obra en construcción sismorresistente de bajo costo.',
    descriptionLocale: 'es',
    themes: ['climate_resilience', 'incremental_housing'],
    foundedYear: 2016,
    status: 'approved',
    applicant: d('mariana.quispe')
  },
  {
    name: 'Fondo Regional para el Hábitat Urbano',
    type: 'multilateral',
    countries: ['MX', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA'],
    hqCity: 'Ciudad de Panamá',
    hqCountry: 'PA',
    domain: 'frhu.example',
    description:
      'Fondo de cooperación que financia programas de vivienda y servicios en ciudades intermedias de Mesoamérica, con asistencia técnica a gobiernos locales.',
    descriptionLocale: 'es',
    themes: ['housing_finance', 'secondary_cities', 'basic_services'],
    foundedYear: 2008,
    status: 'approved',
    applicant: d('carlos.mendoza'),
    staff: [{ email: d('diego.alvarado'), role: 'admin' }]
  },
  {
    name: 'Caribbean Urban Futures Facility',
    type: 'multilateral',
    countries: ['JM', 'HT', 'DO', 'BS', 'BZ', 'GY', 'SR'],
    hqCity: 'Bridgetown',
    hqCountry: 'BB',
    domain: 'urbanfutures.example',
    description:
      'A facility of Caribbean governments and donors funding resilient housing, post-disaster recovery and planning for people displaced by storms.',
    descriptionLocale: 'en',
    themes: ['climate_resilience', 'migration', 'urban_planning'],
    foundedYear: 2019,
    status: 'approved',
    applicant: d('sophie.baptiste'),
    staff: [{ email: d('marcus.thompson') }]
  },
  {
    name: 'Microfinanciera Casa Propia',
    type: 'financial_institution',
    countries: ['SV', 'HN'],
    hqCity: 'San Salvador',
    hqCountry: 'SV',
    domain: 'casapropia.example',
    description:
      'Institución de microfinanzas con créditos para mejorar, ampliar o terminar la vivienda por etapas, acompañados de asesoría técnica.',
    descriptionLocale: 'es',
    themes: ['housing_finance', 'incremental_housing'],
    foundedYear: 1999,
    status: 'approved',
    applicant: d('diego.alvarado')
  },
  {
    name: 'Cooperativa de Crédito Habitacional Mão Amiga',
    type: 'financial_institution',
    countries: ['BR'],
    hqCity: 'Porto Alegre',
    hqCountry: 'BR',
    domain: 'maoamiga.example',
    description:
      'Cooperativa de crédito que financia reformas, lotes urbanizados e garantias de aluguel para famílias de baixa renda no Rio Grande do Sul.',
    descriptionLocale: 'pt',
    themes: ['housing_finance', 'rental_housing'],
    foundedYear: 2005,
    status: 'approved',
    applicant: d('beatriz.santos')
  },
  {
    name: 'Colegio de Arquitectos por el Hábitat Popular',
    type: 'professional_association',
    countries: ['MX'],
    hqCity: 'Ciudad de México',
    hqCountry: 'MX',
    domain: 'arquitectoshabitat.example',
    description:
      'Asociación de arquitectas y arquitectos que ofrecen asistencia técnica gratuita a la producción social de vivienda.',
    descriptionLocale: 'es',
    themes: ['incremental_housing', 'urban_planning'],
    foundedYear: 1990,
    status: 'approved',
    applicant: d('carlos.mendoza'),
    staff: [{ email: d('andrea.rojas'), listed: false }]
  },
  {
    name: 'Associação de Assessoria Técnica em Habitação',
    type: 'professional_association',
    countries: ['BR'],
    hqCity: 'Salvador',
    hqCountry: 'BR',
    domain: 'aathab.example',
    description:
      'Reúne escritórios de assessoria técnica que aplicam a lei de assistência técnica gratuita em mutirões e ocupações urbanas.',
    descriptionLocale: 'pt',
    themes: ['incremental_housing', 'settlement_upgrading'],
    foundedYear: 2010,
    status: 'approved',
    applicant: d('rafael.duarte'),
    staff: [{ email: member }]
  },
  {
    name: 'Red Latinoamericana de Inquilinos',
    type: 'network',
    countries: ['AR', 'CL', 'MX', 'CO', 'BR'],
    hqCity: 'Buenos Aires',
    hqCountry: 'AR',
    domain: 'redinquilinos.example',
    description:
      'Red de organizaciones de inquilinas e inquilinos que defiende el alquiler justo y documenta desalojos en las grandes ciudades.',
    descriptionLocale: 'es',
    themes: ['rental_housing', 'evictions', 'housing_policy'],
    foundedYear: 2018,
    status: 'approved',
    applicant: d('andrea.rojas'),
    staff: [
      { email: d('valentina.gomez'), role: 'admin' },
      { email: d('carlos.mendoza') }
    ]
  },
  {
    name: 'Women and Habitat Caribbean Collective',
    type: 'network',
    countries: ['HT', 'JM', 'DO'],
    hqCity: 'Port-au-Prince',
    hqCountry: 'HT',
    domain: 'womenhabitat.example',
    description:
      'Women-led groups securing tenure for female-headed households and training women in construction trades across the Caribbean.',
    descriptionLocale: 'en',
    themes: ['gender', 'settlement_upgrading', 'land_tenure'],
    foundedYear: 2012,
    status: 'approved',
    applicant: d('sophie.baptiste')
  },
  {
    name: 'Centro de Estudios Urbanos del Pacífico',
    type: 'academia',
    countries: ['CL', 'PE'],
    hqCity: 'Valparaíso',
    hqCountry: 'CL',
    domain: 'ceup.example',
    description:
      'Centro universitario que estudia el crecimiento de ciudades intermedias y mide el déficit habitacional con datos abiertos.',
    descriptionLocale: 'es',
    themes: ['data_monitoring', 'secondary_cities'],
    foundedYear: 2001,
    status: 'approved',
    applicant: d('andrea.rojas')
  },
  {
    name: 'Observatório das Remoções Urbanas',
    type: 'academia',
    countries: ['BR'],
    hqCity: 'Rio de Janeiro',
    hqCountry: 'BR',
    domain: 'observatorioremocoes.example',
    description:
      'Projeto de extensão universitária que mapeia remoções e despejos e apoia comunidades ameaçadas com dados e assessoria jurídica.',
    descriptionLocale: 'pt',
    themes: ['evictions', 'data_monitoring'],
    foundedYear: 2013,
    status: 'approved',
    applicant: member,
    staff: [{ email: d('beatriz.santos') }]
  },
  {
    name: 'Hogar y Territorio',
    type: 'ngo',
    countries: ['HN', 'NI'],
    hqCity: 'Tegucigalpa',
    hqCountry: 'HN',
    domain: 'hogaryterritorio.example',
    description:
      'Trabajamos con familias desplazadas y retornadas para que accedan a vivienda segura y a la regularización de sus lotes.',
    descriptionLocale: 'es',
    themes: ['migration', 'settlement_upgrading'],
    foundedYear: 2006,
    status: 'approved',
    applicant: d('diego.alvarado')
  },
  {
    name: 'Agua y Barrio',
    type: 'ngo',
    countries: ['BO', 'PY'],
    hqCity: 'Cochabamba',
    hqCountry: 'BO',
    domain: 'aguaybarrio.example',
    description:
      'Llevamos agua, saneamiento y energía a barrios periurbanos junto a comités vecinales, y adaptamos las viviendas a la sequía.',
    descriptionLocale: 'es',
    themes: ['basic_services', 'climate_resilience'],
    foundedYear: 2000,
    status: 'approved',
    applicant: d('mariana.quispe')
  },
  {
    name: 'Moradia Primeiro Brasil',
    type: 'ngo',
    countries: ['BR'],
    hqCity: 'Fortaleza',
    hqCountry: 'BR',
    domain: 'moradiaprimeiro.example',
    description:
      'Organização que defende a moradia como primeiro passo para pessoas em situação de rua, com atenção especial às mulheres.',
    descriptionLocale: 'pt',
    themes: ['housing_policy', 'gender'],
    foundedYear: 2017,
    status: 'approved',
    applicant: d('beatriz.santos')
  },
  {
    name: 'Comité de Vecinos de Villa Esperanza',
    type: 'community_based',
    countries: ['DO'],
    hqCity: 'Santo Domingo',
    hqCountry: 'DO',
    domain: 'villaesperanza.example',
    description:
      'Comité vecinal que defiende a 300 familias amenazadas de desalojo y negocia la titulación de sus terrenos con el Estado.',
    descriptionLocale: 'es',
    themes: ['evictions', 'land_tenure'],
    foundedYear: 2015,
    status: 'pending',
    applicant: d('diego.alvarado')
  },
  {
    name: 'Habitat Reconstruction Alliance Haiti',
    type: 'ngo',
    countries: ['HT'],
    hqCity: 'Cap-Haïtien',
    hqCountry: 'HT',
    domain: 'hrah.example',
    description:
      'Local builders and engineers helping families rebuild safer homes after earthquakes, with training in confined masonry.',
    descriptionLocale: 'en',
    themes: ['climate_resilience', 'migration'],
    foundedYear: 2021,
    status: 'pending',
    applicant: d('sophie.baptiste')
  },
  {
    name: 'Coletivo Teto e Chão',
    type: 'community_based',
    countries: ['BR'],
    hqCity: 'Belém',
    hqCountry: 'BR',
    domain: 'tetoechao.example',
    description:
      'Coletivo de moradores de palafitas que luta por urbanização com permanência e por regularização fundiária na Amazônia.',
    descriptionLocale: 'pt',
    themes: ['settlement_upgrading', 'land_tenure'],
    foundedYear: 2020,
    status: 'pending',
    applicant: member
  },
  {
    name: 'Inversiones Inmobiliarias Costa Prime',
    type: 'private_sector',
    countries: ['PA'],
    hqCity: 'Ciudad de Panamá',
    hqCountry: 'PA',
    domain: 'costaprime.example',
    description: 'Desarrollamos condominios de playa y ofrecemos oportunidades de inversión en bienes raíces de lujo.',
    descriptionLocale: 'es',
    themes: ['rental_housing'],
    foundedYear: 2019,
    status: 'rejected',
    reason: 'Sells luxury real estate; the hub is for organisations working on adequate housing.',
    applicant: d('carlos.mendoza')
  },
  {
    name: 'Global Housing Solutions Consulting',
    type: 'private_sector',
    countries: ['US'],
    hqCity: 'Miami',
    hqCountry: 'US',
    domain: 'ghsc.example',
    description: 'Consultancy offering housing market studies to investors worldwide.',
    descriptionLocale: 'en',
    themes: ['housing_finance'],
    foundedYear: 2015,
    status: 'rejected',
    reason: 'No work in Latin America or the Caribbean could be found; the application read as advertising.',
    applicant: d('marcus.thompson')
  },
  {
    name: 'Fundación Techo Seguro Caribe',
    type: 'ngo',
    countries: ['DO', 'PR'],
    hqCity: 'San Juan',
    hqCountry: 'PR',
    domain: 'techoseguro.example',
    description: 'Reparamos techos dañados por huracanes en comunidades costeras y capacitamos brigadas vecinales.',
    descriptionLocale: 'es',
    themes: ['climate_resilience', 'social_housing'],
    foundedYear: 2010,
    status: 'suspended',
    reason: 'Under review after complaints about fundraising claims on the profile.',
    applicant: d('valentina.gomez')
  },
  {
    name: 'Associação Lar Digno do Norte',
    type: 'ngo',
    countries: ['BR'],
    hqCity: 'Manaus',
    hqCountry: 'BR',
    domain: 'lardigno.example',
    description: 'Apoio a famílias ribeirinhas na melhoria de moradias e no acesso a água potável.',
    descriptionLocale: 'pt',
    themes: ['basic_services'],
    foundedYear: 2008,
    status: 'suspended',
    reason: 'The contact details could not be verified; suspended until they are.',
    applicant: d('rafael.duarte')
  }
];
