/**
 * The demo's events: across the region and its formats, some past (with
 * attendance), some upcoming, a few small ones full with a waitlist. Days are
 * relative to the day the demo is seeded; hosts are demo organisations by name,
 * registrants demo people by their place in ./people.ts's list.
 */
export interface DemoEvent {
  title: string;
  description: string;
  format: 'in_person' | 'online' | 'hybrid';
  venueName?: string;
  venueAddress?: string;
  city?: string;
  country?: string;
  latitude?: number;
  longitude?: number;
  timeZone: string;
  /** Days from the seeding day; negative for past events. */
  inDays: number;
  startHour: number;
  hours: number;
  capacity: number | null;
  languages: Array<'es' | 'pt' | 'en'>;
  themes: string[];
  hosts: string[];
  /** How many demo people register, in the list's order. */
  registrants: number;
  questions?: Array<{ id: string; label: string; kind: 'text' | 'choice'; options?: string[]; required: boolean }>;
}

export const demoEvents: DemoEvent[] = [
  {
    title: 'Foro regional de vivienda asequible',
    description: 'Dos días para comparar políticas de **vivienda asequible** en ciudades de América Latina: subsidios a la demanda, suelo público y alquiler social.\n\n- Paneles con gobiernos locales\n- Talleres con organizaciones comunitarias',
    format: 'hybrid', venueName: 'Centro Cultural Gabriela Mistral', venueAddress: 'Av. Libertador Bernardo O’Higgins 227', city: 'Santiago', country: 'CL', latitude: -33.4389, longitude: -70.6404,
    timeZone: 'America/Santiago', inDays: 21, startHour: 9, hours: 8, capacity: 120, languages: ['es', 'pt'], themes: ['housing_policy', 'rental_housing'],
    hosts: ['Red Latinoamericana de Inquilinos', 'Fundación Vivienda Digna'], registrants: 9,
    questions: [
      { id: 'diet', label: 'Necesidades alimentarias', kind: 'text', required: false },
      { id: 'access', label: 'Necesidades de accesibilidad', kind: 'text', required: false }
    ]
  },
  {
    title: 'Taller: mejoramiento de asentamientos informales paso a paso',
    description: 'Un taller práctico sobre diagnóstico participativo, priorización de obras y seguimiento con la comunidad.',
    format: 'in_person', venueName: 'Casa Comunal Villa Esperanza', venueAddress: 'Calle 12 #34-56', city: 'Medellín', country: 'CO', latitude: 6.2442, longitude: -75.5812,
    timeZone: 'America/Bogota', inDays: 9, startHour: 14, hours: 3, capacity: 4, languages: ['es'], themes: ['settlement_upgrading'],
    hosts: ['Comité de Vecinos de Villa Esperanza'], registrants: 7
  },
  {
    title: 'Webinar: alquiler social en ciudades medias',
    description: 'Experiencias de alquiler social en ciudades intermedias de Argentina, Uruguay y Brasil.',
    format: 'online', timeZone: 'America/Argentina/Buenos_Aires', inDays: 4, startHour: 11, hours: 1.5, capacity: null,
    languages: ['es'], themes: ['rental_housing', 'secondary_cities'], hosts: ['Red Latinoamericana de Inquilinos'], registrants: 6
  },
  {
    title: 'Assessoria técnica em habitação: encontro de práticas',
    description: 'Encontro de equipes de assessoria técnica para trocar métodos de projeto participativo e autoconstrução assistida.',
    format: 'in_person', venueName: 'Sede do Instituto Moradia e Cidade', venueAddress: 'Rua da Aurora, 100', city: 'Recife', country: 'BR', latitude: -8.0631, longitude: -34.8711,
    timeZone: 'America/Recife', inDays: 30, startHour: 9, hours: 6, capacity: 3, languages: ['pt'], themes: ['incremental_housing'],
    hosts: ['Associação de Assessoria Técnica em Habitação', 'Instituto Moradia e Cidade'], registrants: 6
  },
  {
    title: 'Building back safer: hurricane-resilient housing clinic',
    description: 'A hands-on clinic on retrofitting homes against hurricanes, with builders and community leaders from across the Caribbean.',
    format: 'hybrid', venueName: 'University of the West Indies, Mona', venueAddress: 'Mona Road', city: 'Kingston', country: 'JM', latitude: 18.0061, longitude: -76.7466,
    timeZone: 'America/Jamaica', inDays: 45, startHour: 10, hours: 5, capacity: 60, languages: ['en'], themes: ['climate_resilience'],
    hosts: ['Caribbean Resilient Homes Network'], registrants: 4
  },
  {
    title: 'Tenencia del suelo y captura de plusvalías: diálogo técnico',
    description: 'Instrumentos de gestión del suelo para financiar vivienda social: experiencias de Colombia, Brasil y México.',
    format: 'hybrid', venueName: 'Universidad Nacional, Auditorio Central', city: 'Ciudad de México', country: 'MX', latitude: 19.3326, longitude: -99.1861,
    timeZone: 'America/Mexico_City', inDays: 60, startHour: 10, hours: 4, capacity: 80, languages: ['es', 'en'], themes: ['land_tenure'],
    hosts: ['Centro de Estudios Urbanos del Pacífico'], registrants: 3
  },
  {
    title: 'Webinar: datos abiertos para monitorear desalojos',
    description: 'Cómo registrar y publicar datos sobre desalojos y reasentamientos con estándares comunes.',
    format: 'online', timeZone: 'America/Sao_Paulo', inDays: 14, startHour: 15, hours: 1, capacity: 2,
    languages: ['es', 'pt'], themes: ['evictions', 'data_monitoring'], hosts: ['Observatório das Remoções Urbanas'], registrants: 5
  },
  {
    title: 'Mujeres y hábitat: liderazgos comunitarios en el Caribe',
    description: 'Conversatorio con lideresas de organizaciones comunitarias de Haití, República Dominicana y Jamaica.',
    format: 'online', timeZone: 'America/Santo_Domingo', inDays: 25, startHour: 18, hours: 1.5, capacity: 200,
    languages: ['es', 'en'], themes: ['gender'], hosts: ['Women and Habitat Caribbean Collective'], registrants: 5
  },
  {
    title: 'Visita de campo: cooperativas de ayuda mutua',
    description: 'Recorrido por cooperativas de vivienda por ayuda mutua en Montevideo, con sus socias y socios.',
    format: 'in_person', venueName: 'Cooperativa Los Horneros', city: 'Montevideo', country: 'UY', latitude: -34.9011, longitude: -56.1645,
    timeZone: 'America/Montevideo', inDays: 75, startHour: 9, hours: 5, capacity: 25, languages: ['es'], themes: ['social_housing', 'incremental_housing'],
    hosts: ['Cooperativa de Vivienda por Ayuda Mutua Los Horneros'], registrants: 2
  },
  {
    title: 'Agua y saneamiento en barrios: lecciones de diez años',
    description: 'Balance de proyectos de agua y saneamiento en barrios populares de la región andina.',
    format: 'in_person', venueName: 'Casa de la Cultura', city: 'Lima', country: 'PE', latitude: -12.0464, longitude: -77.0428,
    timeZone: 'America/Lima', inDays: 100, startHour: 9, hours: 7, capacity: 50, languages: ['es'], themes: ['basic_services'],
    hosts: ['Agua y Barrio'], registrants: 1
  },
  // Past events, with attendance taken.
  {
    title: 'Encuentro de gobiernos locales sobre vivienda',
    description: 'Secretarías de vivienda municipales compartieron programas de lotes con servicios y mejoramiento.',
    format: 'in_person', venueName: 'Palacio Municipal', city: 'Cuenca', country: 'EC', latitude: -2.9001, longitude: -79.0059,
    timeZone: 'America/Guayaquil', inDays: -20, startHour: 9, hours: 6, capacity: 40, languages: ['es'], themes: ['housing_policy', 'urban_planning'],
    hosts: ['Oficina Municipal de Vivienda de Cuenca Norte'], registrants: 8
  },
  {
    title: 'Webinar: microfinanzas para la vivienda progresiva',
    description: 'Productos de microcrédito para ampliar y mejorar la vivienda en etapas.',
    format: 'online', timeZone: 'America/Guatemala', inDays: -10, startHour: 10, hours: 1, capacity: null,
    languages: ['es'], themes: ['housing_finance'], hosts: ['Microfinanciera Casa Propia'], registrants: 7
  },
  {
    title: 'Moradia Primeiro: oficina de implementação',
    description: 'Oficina sobre como implementar Moradia Primeiro em parceria com municípios.',
    format: 'hybrid', venueName: 'Centro de Convenções', city: 'São Paulo', country: 'BR', latitude: -23.5505, longitude: -46.6333,
    timeZone: 'America/Sao_Paulo', inDays: -35, startHour: 14, hours: 4, capacity: 30, languages: ['pt'], themes: ['housing_policy'],
    hosts: ['Moradia Primeiro Brasil'], registrants: 6
  },
  {
    title: 'Reconstruction after the earthquake: ten years on',
    description: 'What worked and what did not in housing reconstruction in Haiti, and what it teaches the region.',
    format: 'hybrid', venueName: 'Hôtel Montana', city: 'Port-au-Prince', country: 'HT', latitude: 18.5126, longitude: -72.3071,
    timeZone: 'America/Port-au-Prince', inDays: -60, startHour: 9, hours: 5, capacity: 45, languages: ['en'], themes: ['climate_resilience', 'migration'],
    hosts: ['Habitat Reconstruction Alliance Haiti'], registrants: 5
  },
  {
    title: 'Migración y vivienda: respuestas en ciudades fronterizas',
    description: 'Ciudades de frontera comparten cómo alojar a personas migrantes sin crear nuevos asentamientos precarios.',
    format: 'in_person', venueName: 'Centro de Convenciones', city: 'Ciudad de Guatemala', country: 'GT', latitude: 14.6349, longitude: -90.5069,
    timeZone: 'America/Guatemala', inDays: -90, startHour: 9, hours: 7, capacity: 35, languages: ['es'], themes: ['migration'],
    hosts: ['Hogar y Territorio'], registrants: 6
  }
];

/**
 * Who speaks at some demo events, by event title and demo person: upcoming and past,
 * so a speaker's profile lists both. Listed while the event is a draft, so each
 * speaker is told at publication, as a real speaker would be.
 */
export const demoSpeakers: Record<string, Array<{ email: string; talkTitle: string | null }>> = {
  'Foro regional de vivienda asequible': [
    { email: 'mariana.quispe@demo.mutirao.org', talkTitle: 'Alquiler social en Lima: primeros resultados' },
    { email: 'beatriz.santos@demo.mutirao.org', talkTitle: 'Locação social em São Paulo' },
    { email: 'andrea.rojas@demo.mutirao.org', talkTitle: 'Moderación' }
  ],
  'Taller: mejoramiento de asentamientos informales paso a paso': [
    { email: 'carlos.mendoza@demo.mutirao.org', talkTitle: 'Diagnóstico participativo del barrio' }
  ],
  'Building back safer: hurricane-resilient housing clinic': [{ email: 'marcus.thompson@demo.mutirao.org', talkTitle: 'Retrofitting roofs that stay on' }],
  'Encuentro de gobiernos locales sobre vivienda': [
    { email: 'mariana.quispe@demo.mutirao.org', talkTitle: 'Lo que aprendimos de los subsidios al alquiler' },
    { email: 'member@demo.mutirao.org', talkTitle: null }
  ],
  'Reconstruction after the earthquake: ten years on': [{ email: 'sophie.baptiste@demo.mutirao.org', talkTitle: 'What the neighbourhood committees rebuilt' }]
};
