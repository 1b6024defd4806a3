/** The demo's people: fictional, with a plausible spread of countries and languages. */
export const demoStaff = [
  { key: 'coordinator', name: 'Lucía Fernández', email: 'coordinator@demo.mutirao.org', role: 'coordinator', locale: 'es', country: 'CO' },
  { key: 'member', name: 'João Pereira', email: 'member@demo.mutirao.org', role: 'member', locale: 'pt', country: 'BR' }
] as const;

/** Further members who give the demo organisations their staff. */
export const demoMembers = [
  { name: 'Mariana Quispe', email: 'mariana.quispe@demo.mutirao.org', locale: 'es', country: 'PE' },
  { name: 'Carlos Mendoza', email: 'carlos.mendoza@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Beatriz Santos', email: 'beatriz.santos@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Andrea Rojas', email: 'andrea.rojas@demo.mutirao.org', locale: 'es', country: 'CL' },
  { name: 'Marcus Thompson', email: 'marcus.thompson@demo.mutirao.org', locale: 'en', country: 'JM' },
  { name: 'Valentina Gómez', email: 'valentina.gomez@demo.mutirao.org', locale: 'es', country: 'AR' },
  { name: 'Rafael Duarte', email: 'rafael.duarte@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Sophie Baptiste', email: 'sophie.baptiste@demo.mutirao.org', locale: 'en', country: 'HT' },
  { name: 'Diego Alvarado', email: 'diego.alvarado@demo.mutirao.org', locale: 'es', country: 'GT' },
  { name: 'Camila Herrera', email: 'camila.herrera@demo.mutirao.org', locale: 'es', country: 'EC' }
] as const;

/**
 * People who fill the people directory: fictional practitioners across the region.
 * Each gets an account (like demoMembers) and then a profile from `demoProfiles`.
 */
export const demoPractitioners = [
  { name: 'Ana Lucía Paredes', email: 'ana.paredes@demo.mutirao.org', locale: 'es', country: 'BO' },
  { name: 'Tomás Villalba', email: 'tomas.villalba@demo.mutirao.org', locale: 'es', country: 'PY' },
  { name: 'Gabriela Ferreira', email: 'gabriela.ferreira@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Luiz Carvalho', email: 'luiz.carvalho@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Fernanda Oliveira', email: 'fernanda.oliveira@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Paulo Nascimento', email: 'paulo.nascimento@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Juliana Ribeiro', email: 'juliana.ribeiro@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Thiago Moreira', email: 'thiago.moreira@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'María José Cárdenas', email: 'maria.cardenas@demo.mutirao.org', locale: 'es', country: 'CO' },
  { name: 'Andrés Castaño', email: 'andres.castano@demo.mutirao.org', locale: 'es', country: 'CO' },
  { name: 'Paola Restrepo', email: 'paola.restrepo@demo.mutirao.org', locale: 'es', country: 'CO' },
  { name: 'Jorge Salinas', email: 'jorge.salinas@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Ximena Torres', email: 'ximena.torres@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Héctor Ramírez', email: 'hector.ramirez@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Guadalupe Hernández', email: 'guadalupe.hernandez@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Renata Aguilar', email: 'renata.aguilar@demo.mutirao.org', locale: 'es', country: 'PE' },
  { name: 'Javier Huamán', email: 'javier.huaman@demo.mutirao.org', locale: 'es', country: 'PE' },
  { name: 'Rosa Mamani', email: 'rosa.mamani@demo.mutirao.org', locale: 'es', country: 'BO' },
  { name: 'Felipe Contreras', email: 'felipe.contreras@demo.mutirao.org', locale: 'es', country: 'CL' },
  { name: 'Constanza Muñoz', email: 'constanza.munoz@demo.mutirao.org', locale: 'es', country: 'CL' },
  { name: 'Martín Acosta', email: 'martin.acosta@demo.mutirao.org', locale: 'es', country: 'AR' },
  { name: 'Lucía Benítez', email: 'lucia.benitez@demo.mutirao.org', locale: 'es', country: 'AR' },
  { name: 'Santiago Pereyra', email: 'santiago.pereyra@demo.mutirao.org', locale: 'es', country: 'UY' },
  { name: 'Florencia Silva', email: 'florencia.silva@demo.mutirao.org', locale: 'es', country: 'UY' },
  { name: 'Daniela Vásquez', email: 'daniela.vasquez@demo.mutirao.org', locale: 'es', country: 'EC' },
  { name: 'Esteban Morales', email: 'esteban.morales@demo.mutirao.org', locale: 'es', country: 'EC' },
  { name: 'Karla Méndez', email: 'karla.mendez@demo.mutirao.org', locale: 'es', country: 'GT' },
  { name: 'Óscar Reyes', email: 'oscar.reyes@demo.mutirao.org', locale: 'es', country: 'HN' },
  { name: 'Silvia Chávez', email: 'silvia.chavez@demo.mutirao.org', locale: 'es', country: 'SV' },
  { name: 'Ernesto Lacayo', email: 'ernesto.lacayo@demo.mutirao.org', locale: 'es', country: 'NI' },
  { name: 'Adriana Solís', email: 'adriana.solis@demo.mutirao.org', locale: 'es', country: 'CR' },
  { name: 'Ricardo Arosemena', email: 'ricardo.arosemena@demo.mutirao.org', locale: 'es', country: 'PA' },
  { name: 'Yolanda Pérez', email: 'yolanda.perez@demo.mutirao.org', locale: 'es', country: 'CU' },
  { name: 'Rafael Almonte', email: 'rafael.almonte@demo.mutirao.org', locale: 'es', country: 'DO' },
  { name: 'Carmen Rivera', email: 'carmen.rivera@demo.mutirao.org', locale: 'es', country: 'PR' },
  { name: 'Mariela Briceño', email: 'mariela.briceno@demo.mutirao.org', locale: 'es', country: 'VE' },
  { name: 'Jean-Pierre Louis', email: 'jeanpierre.louis@demo.mutirao.org', locale: 'en', country: 'HT' },
  { name: 'Nadège Joseph', email: 'nadege.joseph@demo.mutirao.org', locale: 'en', country: 'HT' },
  { name: 'Kerry-Ann Campbell', email: 'kerryann.campbell@demo.mutirao.org', locale: 'en', country: 'JM' },
  { name: 'Andre Williams', email: 'andre.williams@demo.mutirao.org', locale: 'en', country: 'TT' },
  { name: 'Shanice Clarke', email: 'shanice.clarke@demo.mutirao.org', locale: 'en', country: 'BB' },
  { name: 'Devon Persaud', email: 'devon.persaud@demo.mutirao.org', locale: 'en', country: 'GY' },
  { name: 'Marisol Kross', email: 'marisol.kross@demo.mutirao.org', locale: 'en', country: 'SR' },
  { name: 'Leon Martina', email: 'leon.martina@demo.mutirao.org', locale: 'en', country: 'CW' },
  { name: 'Dwayne Edwards', email: 'dwayne.edwards@demo.mutirao.org', locale: 'en', country: 'BZ' },
  { name: 'Claudette Baptiste', email: 'claudette.baptiste@demo.mutirao.org', locale: 'en', country: 'LC' },
  { name: 'Isabel Guzmán', email: 'isabel.guzman@demo.mutirao.org', locale: 'es', country: 'CO' },
  { name: 'Vinícius Costa', email: 'vinicius.costa@demo.mutirao.org', locale: 'pt', country: 'BR' }
] as const;

type Visibility = 'everyone' | 'members' | 'organisations';

/** A demo person's profile: what they do, where, on which themes, in which languages. */
export interface DemoProfile {
  headline: string;
  bio: string;
  countries: string[];
  languages: string[];
  themes: string[];
  visibility: Visibility;
  website?: string;
  orcid?: string;
  /** An approved demo organisation they join (by name), unless already its staff. */
  joins?: { organisation: string; listed?: boolean };
  /** Whether they have a (generated) photo; the others show initials. */
  photo: boolean;
}

const T = {
  policy: 'housing_policy',
  growth: 'economic_growth',
  upgrading: 'settlement_upgrading',
  land: 'land_tenure',
  finance: 'housing_finance',
  rental: 'rental_housing',
  social: 'social_housing',
  incremental: 'incremental_housing',
  climate: 'climate_resilience',
  gender: 'gender',
  migration: 'migration',
  secondary: 'secondary_cities',
  services: 'basic_services',
  planning: 'urban_planning',
  data: 'data_monitoring',
  evictions: 'evictions'
} as const;

const ORG = {
  digna: 'Fundación Vivienda Digna',
  moradia: 'Instituto Moradia e Cidade',
  resilient: 'Caribbean Resilient Homes Network',
  horneros: 'Cooperativa de Vivienda por Ayuda Mutua Los Horneros',
  rosario: 'Asociación Barrios de Pie Rosario',
  cuenca: 'Oficina Municipal de Vivienda de Cuenca Norte',
  esperanca: 'Secretaria de Habitação de Vila Esperança',
  suelo: 'Instituto Nacional de Suelo y Vivienda Social',
  tijolo: 'Construtora Solidária Tijolo Vivo',
  andinos: 'Ecomateriales Andinos',
  fondo: 'Fondo Regional para el Hábitat Urbano',
  futures: 'Caribbean Urban Futures Facility',
  casa: 'Microfinanciera Casa Propia',
  arquitectos: 'Colegio de Arquitectos por el Hábitat Popular',
  assessoria: 'Associação de Assessoria Técnica em Habitação',
  inquilinos: 'Red Latinoamericana de Inquilinos',
  women: 'Women and Habitat Caribbean Collective',
  pacifico: 'Centro de Estudios Urbanos del Pacífico',
  remocoes: 'Observatório das Remoções Urbanas'
} as const;

const d = (local: string) => `${local}@demo.mutirao.org`;

/** Profiles for every demo person: the staff, the organisations' members and the practitioners. */
export const demoProfiles: Record<string, DemoProfile> = {
  [d('coordinator')]: { headline: 'Coordinadora regional de Mutirão', bio: 'Acompaño a las organizaciones miembro y organizo los encuentros regionales.', countries: ['CO', 'PE', 'EC'], languages: ['es', 'en', 'pt'], themes: [T.policy, T.planning], visibility: 'everyone', photo: true },
  [d('member')]: { headline: 'Assessor técnico em habitação', bio: 'Trabalho com **assessoria técnica** a cooperativas habitacionais em São Paulo.', countries: ['BR'], languages: ['pt', 'es'], themes: [T.incremental, T.social], visibility: 'members', photo: true },
  [d('mariana.quispe')]: { headline: 'Arquitecta, Ecomateriales Andinos', bio: 'Diseño vivienda rural con tierra y materiales locales en la sierra sur.', countries: ['PE', 'BO'], languages: ['es', 'qu'], themes: [T.incremental, T.climate], visibility: 'everyone', photo: true },
  [d('carlos.mendoza')]: { headline: 'Director, Fondo Regional para el Hábitat Urbano', bio: 'Financiamiento de mejoramiento barrial en México y Centroamérica.', countries: ['MX', 'GT', 'HN'], languages: ['es', 'en'], themes: [T.finance, T.upgrading], visibility: 'members', photo: true },
  [d('beatriz.santos')]: { headline: 'Pesquisadora em políticas habitacionais', bio: 'Estudo programas de **habitação de interesse social** e regularização fundiária.', countries: ['BR'], languages: ['pt', 'en', 'es'], themes: [T.social, T.land, T.policy], visibility: 'everyone', orcid: '0000-0002-1825-0097', photo: true },
  [d('andrea.rojas')]: { headline: 'Red Latinoamericana de Inquilinos', bio: 'Defiendo los derechos de quienes alquilan en Santiago y Valparaíso.', countries: ['CL', 'AR'], languages: ['es'], themes: [T.rental, T.evictions], visibility: 'members', photo: true },
  [d('marcus.thompson')]: { headline: 'Resilience engineer, Caribbean Resilient Homes Network', bio: 'Retrofitting homes against hurricanes in Jamaica and the Eastern Caribbean.', countries: ['JM', 'DM', 'LC'], languages: ['en'], themes: [T.climate, T.incremental], visibility: 'everyone', website: 'https://www.resilienthomes.example.org', photo: true },
  [d('valentina.gomez')]: { headline: 'Cooperativista, Los Horneros', bio: 'Vivienda por ayuda mutua: del terreno a la llave, con las familias.', countries: ['UY', 'AR'], languages: ['es'], themes: [T.incremental, T.social], visibility: 'everyone', photo: false },
  [d('rafael.duarte')]: { headline: 'Secretário adjunto de habitação', bio: 'Urbanização de favelas e assentamentos precários em cidades médias.', countries: ['BR'], languages: ['pt'], themes: [T.upgrading, T.secondary], visibility: 'organisations', photo: true },
  [d('sophie.baptiste')]: { headline: 'Trainer, Caribbean Urban Futures Facility', bio: 'Training masons and community builders in Haiti after disasters.', countries: ['HT', 'DO'], languages: ['en', 'fr', 'ht'], themes: [T.climate, T.gender], visibility: 'everyone', photo: true },
  [d('diego.alvarado')]: { headline: 'Microfinanzas para vivienda', bio: 'Crédito para mejoras de vivienda en Guatemala.', countries: ['GT', 'SV'], languages: ['es'], themes: [T.finance], visibility: 'members', photo: false },
  [d('camila.herrera')]: { headline: 'Directora, Fundación Vivienda Digna', bio: 'Mejoramiento de vivienda y barrio con enfoque de género en Quito.', countries: ['EC', 'CO'], languages: ['es', 'en'], themes: [T.upgrading, T.gender], visibility: 'everyone', photo: true },

  [d('ana.paredes')]: { headline: 'Socióloga urbana', bio: 'Investigo la migración interna hacia El Alto y sus barrios.', countries: ['BO'], languages: ['es', 'ay'], themes: [T.migration, T.upgrading], visibility: 'members', joins: { organisation: ORG.andinos }, photo: true },
  [d('tomas.villalba')]: { headline: 'Técnico de vivienda social', bio: 'Programas de vivienda social en Asunción y el Chaco.', countries: ['PY'], languages: ['es', 'gn'], themes: [T.social, T.services], visibility: 'everyone', photo: true },
  [d('gabriela.ferreira')]: { headline: 'Defensora pública, direito à moradia', bio: 'Atuo contra despejos forçados e remoções em Recife.', countries: ['BR'], languages: ['pt'], themes: [T.evictions, T.policy], visibility: 'everyone', joins: { organisation: ORG.remocoes }, photo: true },
  [d('luiz.carvalho')]: { headline: 'Economista, crédito habitacional', bio: 'Microcrédito para reforma de moradias no Nordeste.', countries: ['BR'], languages: ['pt', 'es'], themes: [T.finance, T.growth], visibility: 'members', joins: { organisation: ORG.casa }, photo: false },
  [d('fernanda.oliveira')]: { headline: 'Arquiteta e urbanista em Recife', bio: 'Aluguel social e locação acessível em Recife e Olinda.', countries: ['BR'], languages: ['pt', 'en'], themes: [T.rental, T.social], visibility: 'everyone', joins: { organisation: ORG.moradia }, photo: true },
  [d('paulo.nascimento')]: { headline: 'Engenheiro, saneamento básico', bio: 'Água, esgoto e drenagem em assentamentos precários.', countries: ['BR'], languages: ['pt'], themes: [T.services, T.upgrading], visibility: 'members', joins: { organisation: ORG.tijolo }, photo: true },
  [d('juliana.ribeiro')]: { headline: 'Pesquisadora em dados urbanos', bio: 'Monitoramento e avaliação de programas habitacionais.', countries: ['BR'], languages: ['pt', 'en'], themes: [T.data, T.policy], visibility: 'organisations', joins: { organisation: ORG.moradia }, photo: true },
  [d('thiago.moreira')]: { headline: 'Advogado, regularização fundiária', bio: 'Posse da terra e titulação em cidades médias de Minas Gerais.', countries: ['BR'], languages: ['pt'], themes: [T.land, T.secondary], visibility: 'members', joins: { organisation: ORG.assessoria }, photo: false },
  [d('maria.cardenas')]: { headline: 'Planeadora urbana, Medellín', bio: 'Planificación y regulación urbana en laderas de riesgo.', countries: ['CO'], languages: ['es', 'en'], themes: [T.planning, T.climate], visibility: 'everyone', joins: { organisation: ORG.digna }, photo: true },
  [d('andres.castano')]: { headline: 'Investigador, tenencia del suelo', bio: 'Captura de plusvalías y suelo urbano en Bogotá.', countries: ['CO'], languages: ['es'], themes: [T.land, T.finance], visibility: 'members', orcid: '0000-0001-5109-3700', photo: true },
  [d('paola.restrepo')]: { headline: 'Trabajadora social con población migrante', bio: 'Acompaño a familias venezolanas en Cúcuta a encontrar vivienda.', countries: ['CO', 'VE'], languages: ['es'], themes: [T.migration, T.rental], visibility: 'everyone', joins: { organisation: ORG.digna }, photo: true },
  [d('jorge.salinas')]: { headline: 'Funcionario de vivienda, Ciudad de México', bio: 'Producción social de vivienda asistida.', countries: ['MX'], languages: ['es'], themes: [T.incremental, T.policy], visibility: 'members', joins: { organisation: ORG.fondo }, photo: true },
  [d('ximena.torres')]: { headline: 'Urbanista, ciudades intermedias', bio: 'Planeación en ciudades intermedias del Bajío.', countries: ['MX'], languages: ['es', 'en'], themes: [T.secondary, T.planning], visibility: 'everyone', photo: true },
  [d('hector.ramirez')]: { headline: 'Consultor en financiamiento de vivienda', bio: 'Hipotecas sociales y subsidios a la demanda.', countries: ['MX', 'CR'], languages: ['es', 'en'], themes: [T.finance], visibility: 'organisations', joins: { organisation: ORG.casa }, photo: false },
  [d('guadalupe.hernandez')]: { headline: 'Lideresa comunitaria', bio: 'Organización vecinal contra desalojos en Oaxaca.', countries: ['MX'], languages: ['es', 'nah'], themes: [T.evictions, T.gender], visibility: 'everyone', photo: true },
  [d('renata.aguilar')]: { headline: 'Arquitecta, vivienda progresiva', bio: 'Vivienda progresiva y autoconstrucción asistida en Lima.', countries: ['PE'], languages: ['es', 'en'], themes: [T.incremental, T.upgrading], visibility: 'members', joins: { organisation: ORG.andinos }, photo: true },
  [d('javier.huaman')]: { headline: 'Ingeniero, gestión de riesgo', bio: 'Resiliencia climática y riesgo sísmico en la periferia de Lima.', countries: ['PE'], languages: ['es', 'qu'], themes: [T.climate, T.data], visibility: 'everyone', photo: true },
  [d('rosa.mamani')]: { headline: 'Dirigenta vecinal, El Alto', bio: 'Servicios básicos y agua potable en barrios periurbanos.', countries: ['BO'], languages: ['es', 'ay', 'qu'], themes: [T.services, T.gender], visibility: 'members', photo: false },
  [d('felipe.contreras')]: { headline: 'Investigador, arriendo y campamentos', bio: 'Campamentos, arriendo informal y política habitacional en Chile.', countries: ['CL'], languages: ['es', 'en'], themes: [T.rental, T.upgrading], visibility: 'everyone', joins: { organisation: ORG.inquilinos }, photo: true },
  [d('constanza.munoz')]: { headline: 'Arquitecta, reconstrucción', bio: 'Reconstrucción después de incendios y terremotos.', countries: ['CL'], languages: ['es'], themes: [T.climate, T.social], visibility: 'organisations', joins: { organisation: ORG.pacifico }, photo: true },
  [d('martin.acosta')]: { headline: 'Militante, Barrios de Pie', bio: 'Integración sociourbana de barrios populares en Rosario.', countries: ['AR'], languages: ['es'], themes: [T.upgrading, T.land], visibility: 'members', joins: { organisation: ORG.rosario }, photo: true },
  [d('lucia.benitez')]: { headline: 'Economista, mercado de alquileres', bio: 'Datos sobre alquileres en el Área Metropolitana de Buenos Aires.', countries: ['AR'], languages: ['es', 'en', 'it'], themes: [T.rental, T.data], visibility: 'everyone', photo: true },
  [d('santiago.pereyra')]: { headline: 'Cooperativista de vivienda', bio: 'Ayuda mutua y propiedad colectiva en Montevideo.', countries: ['UY'], languages: ['es', 'pt'], themes: [T.social, T.incremental], visibility: 'members', joins: { organisation: ORG.horneros }, photo: true },
  [d('florencia.silva')]: { headline: 'Investigadora, género y hábitat', bio: 'Mujeres jefas de hogar y acceso a la vivienda.', countries: ['UY', 'AR'], languages: ['es', 'en'], themes: [T.gender, T.policy], visibility: 'everyone', photo: false },
  [d('daniela.vasquez')]: { headline: 'Técnica municipal de vivienda', bio: 'Regularización de barrios en Cuenca.', countries: ['EC'], languages: ['es'], themes: [T.land, T.secondary], visibility: 'members', joins: { organisation: ORG.cuenca }, photo: true },
  [d('esteban.morales')]: { headline: 'Geógrafo, riesgo de desastres', bio: 'Mapas de riesgo y reasentamiento en la costa ecuatoriana.', countries: ['EC'], languages: ['es', 'en'], themes: [T.climate, T.evictions], visibility: 'everyone', photo: true },
  [d('karla.mendez')]: { headline: 'Abogada, derecho a la vivienda', bio: 'Litigio estratégico por el derecho a la vivienda.', countries: ['GT'], languages: ['es'], themes: [T.policy, T.evictions], visibility: 'members', photo: true },
  [d('oscar.reyes')]: { headline: 'Ingeniero civil, vivienda incremental', bio: 'Mejoras de vivienda en colonias de Tegucigalpa.', countries: ['HN'], languages: ['es'], themes: [T.incremental, T.services], visibility: 'everyone', photo: false },
  [d('silvia.chavez')]: { headline: 'Coordinadora de proyectos, migración', bio: 'Retorno y reintegración de familias migrantes.', countries: ['SV', 'GT'], languages: ['es', 'en'], themes: [T.migration, T.growth], visibility: 'members', photo: true },
  [d('ernesto.lacayo')]: { headline: 'Planificador municipal', bio: 'Planes de ordenamiento en ciudades intermedias de Nicaragua.', countries: ['NI'], languages: ['es'], themes: [T.planning, T.secondary], visibility: 'organisations', photo: true },
  [d('adriana.solis')]: { headline: 'Analista de políticas de vivienda', bio: 'Evaluación del bono de vivienda en Costa Rica.', countries: ['CR'], languages: ['es', 'en'], themes: [T.data, T.finance], visibility: 'everyone', photo: true },
  [d('ricardo.arosemena')]: { headline: 'Desarrollador de vivienda social', bio: 'Alianzas público-privadas para vivienda asequible.', countries: ['PA'], languages: ['es', 'en'], themes: [T.social, T.growth], visibility: 'members', photo: false },
  [d('yolanda.perez')]: { headline: 'Arquitecta de la comunidad', bio: 'Rehabilitación de vivienda en La Habana Vieja.', countries: ['CU'], languages: ['es'], themes: [T.incremental, T.planning], visibility: 'members', photo: true },
  [d('rafael.almonte')]: { headline: 'Ingeniero sanitario', bio: 'Agua y saneamiento en barrios de Santo Domingo.', countries: ['DO'], languages: ['es', 'en'], themes: [T.services, T.climate], visibility: 'everyone', photo: true },
  [d('carmen.rivera')]: { headline: 'Organizadora comunitaria, fideicomiso de tierras', bio: 'Fideicomiso de la tierra y resistencia al desplazamiento en San Juan.', countries: ['PR'], languages: ['es', 'en'], themes: [T.land, T.evictions, T.climate], visibility: 'everyone', photo: true },
  [d('mariela.briceno')]: { headline: 'Urbanista, barrios de Caracas', bio: 'Habilitación física de barrios y espacio público.', countries: ['VE'], languages: ['es'], themes: [T.upgrading, T.planning], visibility: 'members', photo: false },
  [d('jeanpierre.louis')]: { headline: 'Civil engineer, Port-au-Prince', bio: 'Safer reconstruction and neighbourhood upgrading after the earthquake.', countries: ['HT'], languages: ['fr', 'ht', 'en'], themes: [T.climate, T.upgrading], visibility: 'everyone', joins: { organisation: ORG.resilient }, photo: true },
  [d('nadege.joseph')]: { headline: 'Community organiser', bio: 'Women-led housing committees in Cap-Haïtien.', countries: ['HT'], languages: ['fr', 'ht'], themes: [T.gender, T.incremental], visibility: 'members', joins: { organisation: ORG.women }, photo: true },
  [d('kerryann.campbell')]: { headline: 'Land surveyor, National Settlements Regularisation', bio: 'Regularising informal settlements and land titles in Jamaica.', countries: ['JM'], languages: ['en'], themes: [T.land, T.upgrading], visibility: 'everyone', photo: true },
  [d('andre.williams')]: { headline: 'Housing finance officer', bio: 'Mortgage products for low-income households in Trinidad.', countries: ['TT'], languages: ['en', 'es'], themes: [T.finance, T.social], visibility: 'members', joins: { organisation: ORG.futures }, photo: false },
  [d('shanice.clarke')]: { headline: 'Climate adaptation planner', bio: 'Coastal resilience and planned relocation in Barbados.', countries: ['BB'], languages: ['en'], themes: [T.climate, T.planning], visibility: 'everyone', joins: { organisation: ORG.futures }, photo: true },
  [d('devon.persaud')]: { headline: 'Researcher, secondary cities', bio: 'Housing demand in Guyana’s growing towns.', countries: ['GY'], languages: ['en'], themes: [T.secondary, T.data], visibility: 'members', photo: true },
  [d('marisol.kross')]: { headline: 'Policy adviser, housing', bio: 'Social housing policy in Paramaribo.', countries: ['SR'], languages: ['nl', 'en'], themes: [T.policy, T.social], visibility: 'organisations', photo: true },
  [d('leon.martina')]: { headline: 'Architect, Willemstad', bio: 'Rental housing and heritage districts in Curaçao.', countries: ['CW'], languages: ['pap', 'nl', 'en', 'es'], themes: [T.rental, T.planning], visibility: 'everyone', photo: false },
  [d('dwayne.edwards')]: { headline: 'Community engineer', bio: 'Flood-resilient housing in Belize City.', countries: ['BZ'], languages: ['en', 'es'], themes: [T.climate, T.services], visibility: 'members', joins: { organisation: ORG.resilient, listed: false }, photo: true },
  [d('claudette.baptiste')]: { headline: 'Gender and housing specialist', bio: 'Women’s land rights in the Eastern Caribbean.', countries: ['LC', 'DM'], languages: ['en', 'fr'], themes: [T.gender, T.land], visibility: 'everyone', joins: { organisation: ORG.women }, photo: true },
  [d('isabel.guzman')]: { headline: 'Periodista, vivienda y ciudad', bio: 'Escribo sobre desalojos y arriendo en Bogotá.', countries: ['CO'], languages: ['es', 'en'], themes: [T.evictions, T.rental], visibility: 'organisations', photo: true },
  [d('vinicius.costa')]: { headline: 'Analista de dados urbanos', bio: 'Dados abertos sobre déficit habitacional.', countries: ['BR'], languages: ['pt', 'en'], themes: [T.data, T.migration], visibility: 'members', photo: true }
};
