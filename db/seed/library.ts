/**
 * The demo library: about 60 fictional resources in Spanish, Portuguese and English,
 * across types, themes and countries, each with a small generated PDF whose words
 * search finds. Built from topics × places, so every resource reads plausibly.
 */
export interface DemoResource {
  title: string;
  summary: string;
  /** The PDF's paragraphs: words that appear only inside the document. */
  body: string[];
  type: 'report' | 'policy_brief' | 'toolkit' | 'case_study' | 'academic_paper' | 'dataset' | 'law' | 'presentation' | 'video' | 'news';
  themes: string[];
  countries: string[];
  regional: boolean;
  language: 'es' | 'pt' | 'en';
  year: number;
  authors: string[];
  publisherName: string;
  licence: 'cc-by-4.0' | 'cc-by-sa-4.0' | 'cc-by-nc-4.0' | 'all-rights-reserved';
  submitter: string;
  status: 'published' | 'pending' | 'draft' | 'changes_requested';
}

type Lang = 'es' | 'pt' | 'en';
interface Topic {
  type: DemoResource['type'];
  themes: string[];
  title: Record<Lang, string>;
  summary: Record<Lang, string>;
  body: Record<Lang, string>;
}

const topics: Topic[] = [
  {
    type: 'report',
    themes: ['settlement_upgrading', 'basic_services'],
    title: { es: 'Mejoramiento de asentamientos informales', pt: 'Urbanização de favelas e assentamentos precários', en: 'Upgrading informal settlements' },
    summary: {
      es: 'Lecciones de programas de mejoramiento de barrios: agua, saneamiento, calles y **tenencia segura**.',
      pt: 'Lições de programas de urbanização de favelas: água, saneamento, vias e **segurança da posse**.',
      en: 'Lessons from settlement upgrading programmes: water, sanitation, streets and **secure tenure**.'
    },
    body: {
      es: 'El diagnóstico participativo reunió a vecinas y vecinos en mesas barriales. Las obras priorizaron drenaje pluvial, alumbrado y conexiones domiciliarias.',
      pt: 'O diagnóstico participativo reuniu moradores em oficinas comunitárias. As obras priorizaram drenagem pluvial, iluminação e ligações domiciliares.',
      en: 'A participatory assessment brought residents together in neighbourhood workshops. Works prioritised stormwater drainage, street lighting and household connections.'
    }
  },
  {
    type: 'policy_brief',
    themes: ['rental_housing', 'housing_policy'],
    title: { es: 'Alquiler asequible en ciudades latinoamericanas', pt: 'Aluguel acessível nas cidades latino-americanas', en: 'Affordable rental housing in Latin American cities' },
    summary: {
      es: 'Por qué el alquiler importa para los hogares de bajos ingresos y qué instrumentos de política funcionan.',
      pt: 'Por que o aluguel importa para as famílias de baixa renda e quais instrumentos de política funcionam.',
      en: 'Why renting matters for low-income households and which policy instruments work.'
    },
    body: {
      es: 'Los inquilinos informales pagan hasta el cuarenta por ciento de su ingreso. Se recomiendan subsidios a la demanda y registros de arrendadores pequeños.',
      pt: 'Os inquilinos informais pagam até quarenta por cento da renda. Recomendam-se subsídios à demanda e cadastros de pequenos locadores.',
      en: 'Informal tenants pay up to forty per cent of their income. Demand-side subsidies and registers of small landlords are recommended.'
    }
  },
  {
    type: 'toolkit',
    themes: ['climate_resilience', 'urban_planning'],
    title: { es: 'Guía de resiliencia climática para barrios', pt: 'Guia de resiliência climática para bairros', en: 'Climate resilience toolkit for neighbourhoods' },
    summary: {
      es: 'Herramientas para mapear riesgos de inundación y deslizamiento con la comunidad.',
      pt: 'Ferramentas para mapear riscos de inundação e deslizamento com a comunidade.',
      en: 'Tools to map flood and landslide risk together with the community.'
    },
    body: {
      es: 'La cartografía comunitaria identificó quebradas, laderas inestables y rutas de evacuación. Incluye fichas para brigadas vecinales.',
      pt: 'A cartografia comunitária identificou córregos, encostas instáveis e rotas de evacuação. Inclui fichas para brigadas de moradores.',
      en: 'Community mapping identified streams, unstable hillsides and evacuation routes. It includes worksheets for neighbourhood brigades.'
    }
  },
  {
    type: 'case_study',
    themes: ['land_tenure', 'evictions'],
    title: { es: 'Regularización de la tenencia del suelo', pt: 'Regularização fundiária e posse da terra', en: 'Regularising land tenure' },
    summary: {
      es: 'Un caso de titulación colectiva que evitó desalojos y protegió a familias inquilinas.',
      pt: 'Um caso de titulação coletiva que evitou despejos e protegeu famílias inquilinas.',
      en: 'A case of collective titling that prevented evictions and protected tenant families.'
    },
    body: {
      es: 'La cooperativa negoció con el municipio un fideicomiso de tierras comunitarias. El catastro multifinalitario registró cada lote.',
      pt: 'A cooperativa negociou com o município um termo territorial coletivo. O cadastro multifinalitário registrou cada lote.',
      en: 'The cooperative negotiated a community land trust with the municipality. A multipurpose cadastre recorded every plot.'
    }
  },
  {
    type: 'academic_paper',
    themes: ['housing_finance', 'incremental_housing'],
    title: { es: 'Microfinanzas para vivienda incremental', pt: 'Microfinanças para habitação incremental', en: 'Microfinance for incremental housing' },
    summary: {
      es: 'Evidencia sobre créditos pequeños para ampliar y mejorar viviendas autoconstruidas.',
      pt: 'Evidências sobre pequenos créditos para ampliar e melhorar moradias autoconstruídas.',
      en: 'Evidence on small loans to extend and improve self-built homes.'
    },
    body: {
      es: 'La muestra de cooperativas de ahorro mostró tasas de morosidad bajas. La asistencia técnica redujo costos de materiales.',
      pt: 'A amostra de cooperativas de crédito mostrou inadimplência baixa. A assistência técnica reduziu custos de materiais.',
      en: 'The sample of savings cooperatives showed low arrears. Technical assistance reduced the cost of materials.'
    }
  },
  {
    type: 'dataset',
    themes: ['data_monitoring', 'social_housing'],
    title: { es: 'Datos abiertos de vivienda social', pt: 'Dados abertos de habitação de interesse social', en: 'Open data on social housing' },
    summary: {
      es: 'Conjunto de datos con unidades entregadas, ubicación y costos por programa.',
      pt: 'Conjunto de dados com unidades entregues, localização e custos por programa.',
      en: 'A dataset of delivered units, their location and cost by programme.'
    },
    body: {
      es: 'Cada fila corresponde a un conjunto habitacional con coordenadas, año de entrega y distancia al centro de empleo.',
      pt: 'Cada linha corresponde a um conjunto habitacional com coordenadas, ano de entrega e distância ao centro de empregos.',
      en: 'Each row is a housing estate with coordinates, year of delivery and distance to the nearest job centre.'
    }
  },
  {
    type: 'law',
    themes: ['housing_policy', 'land_tenure'],
    title: { es: 'Ley marco del derecho a la vivienda', pt: 'Lei do direito à moradia', en: 'Framework law on the right to housing' },
    summary: {
      es: 'Texto comentado de una ley que reconoce la función social del suelo.',
      pt: 'Texto comentado de uma lei que reconhece a função social da propriedade.',
      en: 'An annotated law recognising the social function of land.'
    },
    body: {
      es: 'El artículo séptimo establece zonas especiales de interés social y la obligación de consulta previa.',
      pt: 'O artigo sétimo estabelece zonas especiais de interesse social e a obrigação de consulta prévia.',
      en: 'Article seven creates special zones of social interest and a duty of prior consultation.'
    }
  },
  {
    type: 'presentation',
    themes: ['gender', 'economic_growth'],
    title: { es: 'Género y vivienda: mujeres constructoras', pt: 'Gênero e moradia: mulheres construtoras', en: 'Gender and housing: women builders' },
    summary: {
      es: 'Presentación sobre la participación de mujeres en la construcción y el acceso al crédito.',
      pt: 'Apresentação sobre a participação das mulheres na construção e o acesso ao crédito.',
      en: 'A presentation on women in construction and their access to credit.'
    },
    body: {
      es: 'Las escuelas de oficios formaron albañilas, electricistas y plomeras que hoy lideran empresas sociales.',
      pt: 'As escolas de ofícios formaram pedreiras, eletricistas e encanadoras que hoje lideram empresas sociais.',
      en: 'Trade schools trained women masons, electricians and plumbers who now lead social enterprises.'
    }
  },
  {
    type: 'report',
    themes: ['migration', 'secondary_cities'],
    title: { es: 'Migración y ciudades intermedias', pt: 'Migração e cidades médias', en: 'Migration and secondary cities' },
    summary: {
      es: 'Cómo las ciudades intermedias reciben a población migrante y desplazada.',
      pt: 'Como as cidades médias acolhem a população migrante e deslocada.',
      en: 'How secondary cities receive migrant and displaced people.'
    },
    body: {
      es: 'Los albergues temporales se saturaron; los gobiernos locales ensayaron bonos de arriendo y ferias de empleo.',
      pt: 'Os abrigos temporários lotaram; os governos locais testaram auxílio-aluguel e feiras de emprego.',
      en: 'Temporary shelters filled up; local governments tried rent vouchers and job fairs.'
    }
  },
  {
    type: 'news',
    themes: ['evictions', 'housing_policy'],
    title: { es: 'Protocolos contra desalojos forzosos', pt: 'Protocolos contra despejos forçados', en: 'Protocols against forced evictions' },
    summary: {
      es: 'Nota sobre los protocolos adoptados para garantizar reasentamientos dignos.',
      pt: 'Nota sobre os protocolos adotados para garantir reassentamentos dignos.',
      en: 'A note on protocols adopted to ensure dignified resettlement.'
    },
    body: {
      es: 'La defensoría del pueblo exigió mesas de diálogo, censo previo y alternativas habitacionales antes de cualquier operativo.',
      pt: 'A defensoria pública exigiu mesas de diálogo, censo prévio e alternativas habitacionais antes de qualquer operação.',
      en: 'The ombudsman required dialogue tables, a prior census and housing alternatives before any operation.'
    }
  },
  {
    type: 'toolkit',
    themes: ['basic_services', 'climate_resilience'],
    title: { es: 'Manual de agua y saneamiento comunitario', pt: 'Manual de água e saneamento comunitário', en: 'Community water and sanitation manual' },
    summary: {
      es: 'Pasos para diseñar y mantener sistemas de agua gestionados por la comunidad.',
      pt: 'Passos para projetar e manter sistemas de água geridos pela comunidade.',
      en: 'Steps to design and maintain community-managed water systems.'
    },
    body: {
      es: 'Las juntas de agua definieron tarifas solidarias, turnos de mantenimiento y cisternas de captación de lluvia.',
      pt: 'As associações de água definiram tarifas solidárias, turnos de manutenção e cisternas de captação de chuva.',
      en: 'Water committees set solidarity tariffs, maintenance rotas and rainwater harvesting tanks.'
    }
  },
  {
    type: 'policy_brief',
    themes: ['land_tenure', 'urban_planning'],
    title: { es: 'Captura de plusvalías para financiar vivienda', pt: 'Captura de mais-valias para financiar habitação', en: 'Land value capture to fund housing' },
    summary: {
      es: 'Instrumentos de captura de plusvalías y su uso para vivienda asequible.',
      pt: 'Instrumentos de captura de mais-valias e seu uso para habitação acessível.',
      en: 'Land value capture instruments and their use for affordable housing.'
    },
    body: {
      es: 'La contribución por mejoras y la venta de derechos de edificabilidad financiaron suelo servido para cooperativas.',
      pt: 'A contribuição de melhoria e a outorga onerosa do direito de construir financiaram terra urbanizada para cooperativas.',
      en: 'Betterment levies and the sale of building rights funded serviced land for cooperatives.'
    }
  }
];

const places: Array<{ city: string; country: string; lang: Lang }> = [
  { city: 'Medellín', country: 'CO', lang: 'es' },
  { city: 'Recife', country: 'BR', lang: 'pt' },
  { city: 'Kingston', country: 'JM', lang: 'en' },
  { city: 'Lima', country: 'PE', lang: 'es' },
  { city: 'Tegucigalpa', country: 'HN', lang: 'es' }
];

const authorsPool = [
  'Mariana Quispe', 'Carlos Mendoza', 'Beatriz Santos', 'Andrea Rojas', 'Marcus Thompson',
  'Valentina Gómez', 'Rafael Duarte', 'Sophie Baptiste', 'Diego Alvarado', 'Camila Herrera'
];
const publishers = ['Observatorio Urbano del Sur', 'Instituto Cidade Viva', 'Caribbean Housing Lab', 'Red de Vivienda Popular', 'Fundação Moradia Digna'];
const submitters = [
  'mariana.quispe@demo.mutirao.org', 'beatriz.santos@demo.mutirao.org', 'marcus.thompson@demo.mutirao.org',
  'carlos.mendoza@demo.mutirao.org', 'member@demo.mutirao.org'
];
const licences: DemoResource['licence'][] = ['cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'all-rights-reserved'];

const inWord: Record<Lang, string> = { es: 'en', pt: 'em', en: 'in' };

export const demoResources: DemoResource[] = topics.flatMap((topic, t) =>
  places.map((place, p) => {
    const i = t * places.length + p;
    const regional = p === 4 && t % 3 === 0;
    const lang = place.lang;
    return {
      title: regional ? `${topic.title[lang]}: ${lang === 'en' ? 'regional review' : lang === 'pt' ? 'panorama regional' : 'panorama regional'}` : `${topic.title[lang]} ${inWord[lang]} ${place.city}`,
      summary: topic.summary[lang],
      body: [
        topic.body[lang],
        `${place.city} (${place.country}), ${2015 + (i % 10)}.`,
        lang === 'en'
          ? 'Annex: fieldwork notes, interview guides and the municipal budget series.'
          : lang === 'pt'
            ? 'Anexo: notas de campo, roteiros de entrevista e a série do orçamento municipal.'
            : 'Anexo: notas de campo, guías de entrevista y la serie del presupuesto municipal.'
      ],
      type: topic.type,
      themes: topic.themes,
      countries: regional ? [] : [place.country],
      regional,
      language: lang,
      year: 2015 + (i % 10),
      authors: [authorsPool[i % authorsPool.length]!, ...(i % 3 === 0 ? [authorsPool[(i + 4) % authorsPool.length]!] : [])],
      publisherName: publishers[(t + p) % publishers.length]!,
      licence: licences[i % licences.length]!,
      submitter: submitters[i % submitters.length]!,
      // Most are published; a few wait for review, one has changes requested, one is a draft.
      status: i % 11 === 5 ? 'pending' : i === 17 ? 'changes_requested' : i === 23 ? 'draft' : 'published'
    };
  })
);
