/**
 * Demo discussions: questions (most with an accepted answer, some open) and
 * discussions in es, pt and en across the themes, among the demo people. People
 * are named by the first part of their demo email; `@Name_Surname` mentions them.
 */
export interface DemoReply {
  by: string;
  body: string;
  /** The asker accepts this reply. */
  accepted?: boolean;
  /** Who marks it helpful. */
  helpful?: string[];
}

export interface DemoThread {
  language: 'es' | 'pt' | 'en';
  kind: 'question' | 'discussion';
  theme: string;
  countries: string[];
  tags?: string[];
  by: string;
  title: string;
  body: string;
  replies: DemoReply[];
  /** Days since the last activity. */
  daysAgo: number;
  pinned?: boolean;
}

const q = 'question' as const;
const d = 'discussion' as const;

export const demoThreads: DemoThread[] = [
  // ---------------------------------------------------------------- es
  {
    language: 'es', kind: q, theme: 'housing_finance', countries: ['PE'], tags: ['microcrédito', 'vivienda incremental'], by: 'mariana.quispe', daysAgo: 1,
    title: '¿Cómo financiaron sus ciudades la vivienda incremental?',
    body: 'En Lima estamos diseñando un programa de **mejoramiento progresivo**. ¿Qué mezcla de subsidio, ahorro y crédito les funcionó? Nos interesan especialmente experiencias con microfinancieras.',
    replies: [
      { by: 'carlos.mendoza', body: 'En Monterrey combinamos un subsidio pequeño por etapa con microcrédito de 18 meses. La clave fue la **asistencia técnica** gratuita en cada etapa.', accepted: true, helpful: ['mariana.quispe', 'andrea.rojas', 'diego.alvarado'] },
      { by: 'andrea.rojas', body: 'En Chile el ahorro previo es obligatorio y eso excluye a muchas familias. Yo lo haría opcional y premiaría la constancia, no el monto.', helpful: ['camila.herrera'] },
      { by: 'diego.alvarado', body: 'Coincido con @Carlos_Mendoza: sin acompañamiento técnico, el crédito termina en ampliaciones inseguras.' }
    ]
  },
  {
    language: 'es', kind: q, theme: 'land_tenure', countries: ['CO', 'EC'], tags: ['titulación'], by: 'camila.herrera', daysAgo: 2,
    title: 'Titulación masiva en barrios consolidados: ¿por dónde empezar?',
    body: 'Tenemos unos 4.000 lotes sin título en Guayaquil. ¿Conviene empezar por el levantamiento catastral o por la regularización urbanística?',
    replies: [
      { by: 'lucia.fernandez', body: 'Por el catastro participativo. En Medellín el levantamiento con la comunidad redujo los conflictos de linderos a la mitad.', accepted: true, helpful: ['camila.herrera', 'valentina.gomez'] },
      { by: 'valentina.gomez', body: 'Ojo con titular antes de tener resueltos los servicios: en Rosario subió el valor del suelo y llegaron los desalojos por deuda.' }
    ]
  },
  {
    language: 'es', kind: d, theme: 'rental_housing', countries: ['AR', 'UY'], tags: ['alquiler social'], by: 'valentina.gomez', daysAgo: 3, pinned: true,
    title: 'Alquiler social público: aprendizajes de la región',
    body: 'Abro este debate para reunir experiencias de **alquiler social** administrado por gobiernos locales. ¿Quién gestiona el mantenimiento? ¿Cómo se fija el canon?',
    replies: [
      { by: 'andrea.rojas', body: 'En Santiago el canon se fija en 25 % del ingreso del hogar, con revisión anual. El mantenimiento lo tercerizamos y fue un error.', helpful: ['valentina.gomez'] },
      { by: 'carlos.mendoza', body: 'En Ciudad de México probamos cooperativas de inquilinos como administradoras: más baratas y con menos morosidad.', helpful: ['valentina.gomez', 'mariana.quispe'] },
      { by: 'lucia.fernandez', body: 'Muy útil. @Beatriz_Santos, ¿cómo fue la experiencia de locação social en São Paulo?' },
      { by: 'beatriz.santos', body: 'O programa de locação social de São Paulo funciona desde 2002; o maior desafio foi a manutenção dos edifícios no centro.' }
    ]
  },
  {
    language: 'es', kind: q, theme: 'climate_resilience', countries: ['GT'], tags: ['riesgo', 'laderas'], by: 'diego.alvarado', daysAgo: 4,
    title: '¿Qué indicadores usan para priorizar reasentamientos por riesgo de deslizamiento?',
    body: 'En la zona metropolitana de Guatemala tenemos más familias en riesgo alto que recursos. Busco matrices de priorización que no dependan solo de la pendiente.',
    replies: [
      { by: 'camila.herrera', body: 'Usamos pendiente, historial de eventos, tipo de suelo y **vulnerabilidad social** (jefatura femenina, discapacidad). La última pesa el 30 %.', accepted: true, helpful: ['diego.alvarado'] },
      { by: 'sophie.baptiste', body: 'In Port-au-Prince we added distance to livelihoods: relocations far from work failed within two years.' }
    ]
  },
  {
    language: 'es', kind: q, theme: 'settlement_upgrading', countries: ['MX'], tags: ['espacio público'], by: 'carlos.mendoza', daysAgo: 5,
    title: 'Presupuesto participativo en mejoramiento de barrios: ¿cuánto decide la comunidad?',
    body: 'Queremos que los vecinos decidan parte de la inversión. ¿Qué porcentaje del presupuesto les han delegado y cómo evitaron la captura por grupos organizados?',
    replies: [
      { by: 'andrea.rojas', body: 'Delegamos el 20 % y exigimos asambleas con cuota de género. La captura bajó cuando las votaciones fueron por manzana.', accepted: true, helpful: ['carlos.mendoza', 'lucia.fernandez'] }
    ]
  },
  {
    language: 'es', kind: q, theme: 'gender', countries: ['EC', 'PE'], tags: ['titularidad'], by: 'andrea.rojas', daysAgo: 6,
    title: '¿Titulación conjunta obligatoria? Experiencias y resistencias',
    body: 'Estamos evaluando exigir la titulación conjunta en parejas. ¿Alguien tiene datos sobre su efecto en la seguridad de las mujeres?',
    replies: [
      { by: 'mariana.quispe', body: 'En Perú la titulación conjunta aumentó la participación de mujeres en decisiones de vivienda, según un estudio de 2019.', helpful: ['andrea.rojas'] },
      { by: 'camila.herrera', body: 'Importante prever qué pasa en separaciones: sin asesoría legal, la mujer suele abandonar la vivienda igual.' }
    ]
  },
  {
    language: 'es', kind: d, theme: 'secondary_cities', countries: ['CO'], tags: ['planificación'], by: 'lucia.fernandez', daysAgo: 7,
    title: 'Ciudades intermedias: ¿tienen capacidad técnica para planificar su crecimiento?',
    body: 'Muchas ciudades intermedias crecen más rápido que las capitales y con equipos mínimos. ¿Qué modelos de asistencia técnica compartida conocen?',
    replies: [
      { by: 'diego.alvarado', body: 'Las mancomunidades de municipios en Guatemala comparten un equipo de planificación. Funciona si el financiamiento es estable.' },
      { by: 'valentina.gomez', body: 'En Argentina algunas universidades nacionales actúan como oficina técnica de los municipios de su región.', helpful: ['lucia.fernandez'] }
    ]
  },
  {
    language: 'es', kind: q, theme: 'basic_services', countries: ['GT', 'MX'], tags: ['agua'], by: 'diego.alvarado', daysAgo: 9,
    title: '¿Cómo conectar al agua potable a un asentamiento sin regularizar?',
    body: 'La empresa de agua exige título para conectar. ¿Qué figuras legales han usado para dar el servicio antes de la regularización?',
    replies: []
  },
  {
    language: 'es', kind: q, theme: 'evictions', countries: ['AR'], tags: ['protocolos'], by: 'valentina.gomez', daysAgo: 10,
    title: 'Protocolos de desalojo con enfoque de derechos humanos',
    body: '¿Conocen protocolos municipales que obliguen a ofrecer alternativas habitacionales antes de un desalojo? Busco textos normativos concretos.',
    replies: [
      { by: 'lucia.fernandez', body: 'El protocolo de la Ciudad de Buenos Aires de 2017 y las Directrices de la ONU sobre desalojos son un buen punto de partida.', accepted: true, helpful: ['valentina.gomez', 'andrea.rojas'] }
    ]
  },
  {
    language: 'es', kind: q, theme: 'data_monitoring', countries: ['PE'], tags: ['datos abiertos'], by: 'mariana.quispe', daysAgo: 12,
    title: '¿Qué herramientas usan para mapear asentamientos informales con la comunidad?',
    body: 'Queremos dejar de depender de consultoras. ¿Alguien usa herramientas libres para el mapeo comunitario y la actualización del catastro?',
    replies: [
      { by: 'sophie.baptiste', body: 'We use OpenStreetMap with Field Papers and then QGIS. Community mappers keep it updated after the project ends.', accepted: true, helpful: ['mariana.quispe'] },
      { by: 'diego.alvarado', body: 'Nosotros usamos KoboToolbox para las encuestas de hogar, conectado a un visor web sencillo.' }
    ]
  },
  {
    language: 'es', kind: d, theme: 'housing_policy', countries: ['CL'], tags: ['derecho a la vivienda'], by: 'andrea.rojas', daysAgo: 14,
    title: 'El derecho a la vivienda en las nuevas constituciones: ¿cambió algo en la práctica?',
    body: 'Varias constituciones de la región reconocen el derecho a la vivienda adecuada. ¿Han visto fallos judiciales o políticas que lo hagan exigible?',
    replies: [
      { by: 'camila.herrera', body: 'En Ecuador la Corte Constitucional ordenó suspender desalojos sin reubicación. Es el cambio más concreto que he visto.' }
    ]
  },
  {
    language: 'es', kind: q, theme: 'urban_planning', countries: ['MX'], tags: ['zonificación'], by: 'carlos.mendoza', daysAgo: 16,
    title: '¿Zonificación inclusiva obligatoria o incentivada?',
    body: 'Estamos debatiendo si exigir un porcentaje de vivienda asequible en nuevos desarrollos o dar bonos de densidad. ¿Qué resultados tienen?',
    replies: [
      { by: 'beatriz.santos', body: 'Em São Paulo as ZEIS de vazios funcionaram melhor do que os incentivos voluntários.', accepted: true, helpful: ['carlos.mendoza'] },
      { by: 'valentina.gomez', body: 'Con incentivos solos, los desarrolladores los usaron muy poco en Buenos Aires.' }
    ]
  },
  {
    language: 'es', kind: q, theme: 'migration', countries: ['CO', 'PE'], tags: ['migración venezolana'], by: 'lucia.fernandez', daysAgo: 18,
    title: 'Acceso a vivienda para población migrante sin documentos',
    body: '¿Qué ciudades han abierto sus programas de arriendo solidario a personas migrantes en situación irregular?',
    replies: []
  },
  {
    language: 'es', kind: q, theme: 'social_housing', countries: ['CL', 'AR'], tags: ['localización'], by: 'valentina.gomez', daysAgo: 21,
    title: '¿Cómo evitar que la vivienda social se construya en la periferia lejana?',
    body: 'El precio del suelo empuja los proyectos a la periferia. ¿Qué instrumentos de suelo han permitido construir vivienda social bien ubicada?',
    replies: [
      { by: 'andrea.rojas', body: 'Banco de suelo público y derecho de preferencia municipal. En Chile la ley de integración social lo permitió en algunas comunas.', helpful: ['valentina.gomez'] }
    ]
  },

  // ---------------------------------------------------------------- pt
  {
    language: 'pt', kind: q, theme: 'settlement_upgrading', countries: ['BR'], tags: ['favelas', 'urbanização'], by: 'beatriz.santos', daysAgo: 1,
    title: 'Como manter as famílias no lugar durante a urbanização de favelas?',
    body: 'Nas obras de urbanização, o auxílio-aluguel temporário costuma virar permanente. Que soluções vocês usaram para reduzir remoções?',
    replies: [
      { by: 'rafael.duarte', body: 'Em Belo Horizonte fizemos as obras por **etapas de quadra**, com moradias provisórias dentro da própria área.', accepted: true, helpful: ['beatriz.santos', 'joao.pereira'] },
      { by: 'joao.pereira', body: 'O auxílio-aluguel precisa de prazo e de um plano de retorno assinado com a família desde o início.' }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'land_tenure', countries: ['BR'], tags: ['Reurb'], by: 'rafael.duarte', daysAgo: 2,
    title: 'Reurb-S: quanto tempo levou a regularização fundiária no seu município?',
    body: 'Estamos com processos de Reurb-S parados há dois anos no cartório. Alguém conseguiu acelerar o registro?',
    replies: [
      { by: 'beatriz.santos', body: 'Um convênio com o cartório e a defensoria pública reduziu o prazo para seis meses em Recife.', accepted: true, helpful: ['rafael.duarte'] },
      { by: 'joao.pereira', body: 'A digitalização dos levantamentos topográficos também ajudou muito. @Rafael_Duarte, posso enviar o modelo de convênio.' }
    ]
  },
  {
    language: 'pt', kind: d, theme: 'housing_policy', countries: ['BR'], tags: ['Minha Casa Minha Vida'], by: 'joao.pereira', daysAgo: 3,
    title: 'O novo Minha Casa, Minha Vida aprendeu com os erros de localização?',
    body: 'A nova fase do programa prioriza áreas centrais. Vocês já veem empreendimentos mais bem localizados nas suas cidades?',
    replies: [
      { by: 'rafael.duarte', body: 'Ainda poucos. Sem terra pública central disponível, as construtoras continuam indo para a periferia.', helpful: ['joao.pereira'] },
      { by: 'beatriz.santos', body: 'A modalidade Entidades tem projetos melhores, mas recebe uma fatia pequena dos recursos.' }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'climate_resilience', countries: ['BR'], tags: ['enchentes'], by: 'rafael.duarte', daysAgo: 5,
    title: 'Reconstrução depois das enchentes: reconstruir no mesmo lugar ou reassentar?',
    body: 'Depois das enchentes no Rio Grande do Sul, muitas famílias querem voltar. Que critérios técnicos e sociais vocês usam para decidir?',
    replies: [
      { by: 'sophie.baptiste', body: 'After the 2010 earthquake we learned that people return anyway if the new site has no jobs. Combine risk mapping with livelihood surveys.', helpful: ['rafael.duarte'] },
      { by: 'diego.alvarado', body: 'En Guatemala usamos una matriz con riesgo, costo de mitigación y preferencia de la familia.' }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'incremental_housing', countries: ['BR'], tags: ['assistência técnica', 'ATHIS'], by: 'joao.pereira', daysAgo: 6,
    title: 'Como financiar a assistência técnica (ATHIS) de forma contínua?',
    body: 'A lei de assistência técnica existe desde 2008, mas quase nenhum município tem orçamento fixo. Que modelos de financiamento funcionaram?',
    replies: [
      { by: 'beatriz.santos', body: 'Em Porto Alegre usamos parte do fundo municipal de habitação e convênios com faculdades de arquitetura.', accepted: true, helpful: ['joao.pereira', 'rafael.duarte'] }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'basic_services', countries: ['BR'], tags: ['saneamento'], by: 'beatriz.santos', daysAgo: 8,
    title: 'Saneamento em favelas: tarifa social ou gratuidade?',
    body: 'A concessionária propõe tarifa social, mas muitas famílias não conseguem pagar nem isso. Alguém tem dados sobre inadimplência com tarifa social?',
    replies: []
  },
  {
    language: 'pt', kind: d, theme: 'gender', countries: ['BR'], tags: ['mulheres'], by: 'beatriz.santos', daysAgo: 11,
    title: 'Titularidade feminina nos programas habitacionais',
    body: 'O título em nome da mulher virou regra em vários programas. Que efeitos vocês observaram na segurança das famílias?',
    replies: [
      { by: 'joao.pereira', body: 'Em casos de violência doméstica, a titularidade feminina facilitou a saída do agressor da casa.', helpful: ['beatriz.santos', 'andrea.rojas'] }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'rental_housing', countries: ['BR'], tags: ['locação social'], by: 'rafael.duarte', daysAgo: 13,
    title: 'Locação social em prédios vazios do centro: como viabilizar?',
    body: 'Temos muitos prédios vazios no centro. Como vocês estruturaram a compra ou desapropriação e a gestão da locação?',
    replies: [
      { by: 'beatriz.santos', body: 'IPTU progressivo para pressionar os proprietários e depois desapropriação com pagamento em títulos.', accepted: true, helpful: ['rafael.duarte'] }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'data_monitoring', countries: ['BR'], tags: ['déficit habitacional'], by: 'joao.pereira', daysAgo: 15,
    title: 'Como medir o déficit habitacional qualitativo no município?',
    body: 'Os dados nacionais não descem ao nível do bairro. Que fontes vocês combinam para estimar inadequação de moradias?',
    replies: [
      { by: 'rafael.duarte', body: 'Cadastro Único, dados da concessionária de energia e imagens de satélite. Cruzando os três chegamos perto da realidade.', helpful: ['joao.pereira'] }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'evictions', countries: ['BR'], tags: ['despejos'], by: 'beatriz.santos', daysAgo: 17,
    title: 'Mediação de conflitos fundiários antes de despejos',
    body: 'Algumas cidades criaram comissões de mediação de conflitos fundiários. Elas conseguem evitar despejos ou só adiam?',
    replies: []
  },
  {
    language: 'pt', kind: d, theme: 'secondary_cities', countries: ['BR'], tags: ['planos diretores'], by: 'rafael.duarte', daysAgo: 20,
    title: 'Planos diretores em cidades médias: feitos por consultoria ou pela prefeitura?',
    body: 'Nas cidades médias, os planos diretores costumam ser feitos por consultorias e ficam na gaveta. Como envolver a equipe local?',
    replies: [
      { by: 'joao.pereira', body: 'Exigir que a equipe municipal participe de todas as oficinas e assine os produtos junto com a consultoria.' }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'social_housing', countries: ['BR'], tags: ['autogestão'], by: 'joao.pereira', daysAgo: 23,
    title: 'Autogestão em habitação de interesse social: como garantir a qualidade das obras?',
    body: 'As cooperativas autogestionárias entregam casas melhores e mais baratas, mas os agentes financeiros desconfiam. Como vocês fazem a fiscalização?',
    replies: [
      { by: 'valentina.gomez', body: 'En Uruguay las cooperativas de FUCVAM tienen institutos de asistencia técnica que firman cada etapa. Eso da confianza a los bancos.', accepted: true, helpful: ['joao.pereira', 'beatriz.santos'] }
    ]
  },
  {
    language: 'pt', kind: q, theme: 'economic_growth', countries: ['BR'], tags: ['renda'], by: 'beatriz.santos', daysAgo: 26,
    title: 'Geração de renda nos conjuntos habitacionais: o que funciona?',
    body: 'Os conjuntos novos não têm espaço para comércio. Alguém conseguiu incluir lojas ou cozinhas comunitárias no projeto?',
    replies: [
      { by: 'rafael.duarte', body: 'Térreos comerciais em edifícios de uso misto, com aluguel subsidiado para os moradores nos primeiros anos.' }
    ]
  },

  {
    language: 'pt', kind: d, theme: 'migration', countries: ['BR'], tags: ['acolhimento'], by: 'joao.pereira', daysAgo: 30,
    title: 'Acolhimento de migrantes venezuelanos em Roraima: da emergência à moradia',
    body: 'Os abrigos da Operação Acolhida foram pensados como temporários. Como as cidades que recebem os interiorizados estão garantindo moradia depois?',
    replies: [
      { by: 'lucia.fernandez', body: 'En Colombia los subsidios de arriendo para migrantes se combinaron con empleo formal; la permanencia mejoró mucho.', helpful: ['joao.pereira'] }
    ]
  },

  // ---------------------------------------------------------------- en
  {
    language: 'en', kind: q, theme: 'climate_resilience', countries: ['JM', 'HT'], tags: ['hurricanes', 'retrofitting'], by: 'marcus.thompson', daysAgo: 1,
    title: 'Low-cost roof retrofits for hurricane season: what has worked?',
    body: 'We want to retrofit about 2,000 informal homes in Kingston before the next hurricane season. Which **roof tie-down** methods gave the best results for the cost?',
    replies: [
      { by: 'sophie.baptiste', body: 'Hurricane straps plus a second row of purlins, installed by trained local builders. About USD 300 per home in Haiti.', accepted: true, helpful: ['marcus.thompson', 'diego.alvarado'] },
      { by: 'diego.alvarado', body: 'Agregaría la capacitación de albañiles locales: el conocimiento queda en el barrio.' }
    ]
  },
  {
    language: 'en', kind: q, theme: 'housing_finance', countries: ['JM'], tags: ['remittances'], by: 'marcus.thompson', daysAgo: 2,
    title: 'Can remittances be channelled into home improvement loans?',
    body: 'Many households in Jamaica receive remittances. Has anyone partnered with credit unions to turn them into collateral for housing microfinance?',
    replies: [
      { by: 'carlos.mendoza', body: 'En México algunas cajas populares aceptan el historial de remesas como prueba de ingreso. Funcionó bien.', accepted: true, helpful: ['marcus.thompson'] },
      { by: 'sophie.baptiste', body: 'In Haiti, mobile money made it easier to track remittance flows for credit scoring.' }
    ]
  },
  {
    language: 'en', kind: d, theme: 'migration', countries: ['HT'], tags: ['displacement'], by: 'sophie.baptiste', daysAgo: 3,
    title: 'Housing for people displaced by violence in Port-au-Prince',
    body: 'Tens of thousands have fled neighbourhoods controlled by armed groups. Host families carry most of the burden. How can programmes support host households?',
    replies: [
      { by: 'marcus.thompson', body: 'Cash for rent paid to host families worked in the Caribbean after storms. It keeps people close to their networks.', helpful: ['sophie.baptiste'] },
      { by: 'lucia.fernandez', body: 'En Colombia el apoyo a familias de acogida se combinó con mejoras de vivienda para ampliar su espacio. @Sophie_Baptiste, puedo compartir la evaluación.' }
    ]
  },
  {
    language: 'en', kind: q, theme: 'urban_planning', countries: ['JM'], tags: ['building codes'], by: 'marcus.thompson', daysAgo: 4,
    title: 'Simplified building codes for self-built homes',
    body: 'Our national code is written for engineers. Has any country adopted a simplified, illustrated code for owner-builders?',
    replies: []
  },
  {
    language: 'en', kind: q, theme: 'incremental_housing', countries: ['HT'], tags: ['core housing'], by: 'sophie.baptiste', daysAgo: 6,
    title: 'Core houses: how big should the starting unit be?',
    body: 'We are designing a core-house programme. Families ask for more rooms; the budget says fewer. What starting sizes led to good expansions?',
    replies: [
      { by: 'andrea.rojas', body: 'Elemental in Chile built half a good house, about 36 m², with the structure ready for the other half. Families completed it within five years.', accepted: true, helpful: ['sophie.baptiste', 'marcus.thompson'] },
      { by: 'beatriz.santos', body: 'No Brasil, embriões muito pequenos viraram ampliações precárias. Melhor menos unidades e mais área inicial.' }
    ]
  },
  {
    language: 'en', kind: q, theme: 'data_monitoring', countries: ['JM', 'HT'], tags: ['indicators'], by: 'marcus.thompson', daysAgo: 8,
    title: 'Which indicators show that an upgrading programme improved lives?',
    body: 'Donors want outcomes, not outputs. Which indicators have you used beyond the number of homes improved?',
    replies: [
      { by: 'mariana.quispe', body: 'Tenure security perception, time spent fetching water, and school attendance. We survey before and two years after.', accepted: true, helpful: ['marcus.thompson'] }
    ]
  },
  {
    language: 'en', kind: d, theme: 'basic_services', countries: ['HT'], tags: ['sanitation'], by: 'sophie.baptiste', daysAgo: 10,
    title: 'Container-based sanitation in dense neighbourhoods',
    body: 'Sewers will not reach our neighbourhoods for decades. Container-based toilets with weekly collection are working in some areas. Experiences elsewhere?',
    replies: [
      { by: 'diego.alvarado', body: 'En Guatemala probamos baños secos comunitarios; funcionan si hay un comité que los mantenga.' }
    ]
  },
  {
    language: 'en', kind: q, theme: 'evictions', countries: ['JM'], tags: ['informal settlements'], by: 'marcus.thompson', daysAgo: 13,
    title: 'Legal defence for informal settlers facing eviction',
    body: 'Are there legal aid networks in the region that specialise in defending informal settlers? We are setting one up.',
    replies: []
  },
  {
    language: 'en', kind: q, theme: 'social_housing', countries: ['JM'], tags: ['maintenance'], by: 'marcus.thompson', daysAgo: 15,
    title: 'Who pays for maintenance in social housing blocks?',
    body: 'Our blocks from the 1970s are deteriorating. Residents cannot afford fees and the ministry has no maintenance budget. What models exist?',
    replies: [
      { by: 'rafael.duarte', body: 'Em São Paulo um fundo condominial com subsídio decrescente funcionou por dez anos.', helpful: ['marcus.thompson'] },
      { by: 'valentina.gomez', body: 'En Uruguay las cooperativas cobran una cuota pequeña que va a un fondo de mantenimiento desde el primer día.', accepted: true, helpful: ['marcus.thompson', 'joao.pereira'] }
    ]
  },
  {
    language: 'en', kind: q, theme: 'gender', countries: ['HT'], tags: ['safety'], by: 'sophie.baptiste', daysAgo: 19,
    title: 'Designing safer shared spaces in relocation sites',
    body: 'Women report feeling unsafe at shared latrines and water points in relocation sites. Which design changes made a difference?',
    replies: [
      { by: 'camila.herrera', body: 'Iluminación solar, baños cerca de las viviendas y auditorías de seguridad hechas por las propias mujeres.', accepted: true, helpful: ['sophie.baptiste', 'andrea.rojas'] }
    ]
  },
  {
    language: 'en', kind: d, theme: 'secondary_cities', countries: ['JM'], tags: ['growth'], by: 'marcus.thompson', daysAgo: 24,
    title: 'Secondary cities in the Caribbean: planning for growth without sprawl',
    body: 'Towns like May Pen are growing fast along the highways. How are other secondary cities steering growth towards serviced land?',
    replies: [
      { by: 'lucia.fernandez', body: 'Programas de lotes con servicios anticipados: el municipio urbaniza antes de que llegue la ocupación.' }
    ]
  },
  {
    language: 'en', kind: q, theme: 'economic_growth', countries: ['HT', 'JM'], tags: ['livelihoods', 'construction'], by: 'sophie.baptiste', daysAgo: 28,
    title: 'Local construction jobs in housing programmes',
    body: 'How have you required or encouraged contractors to hire and train local residents in housing programmes?',
    replies: [
      { by: 'carlos.mendoza', body: 'Una cláusula de 30 % de mano de obra local en los contratos, verificada por el comité vecinal.', helpful: ['sophie.baptiste'] }
    ]
  }
];
