/**
 * The core vocabulary of the library in Spanish, Portuguese and English. Each group
 * holds words that mean the same thing to a practitioner; every word of a group
 * finds the others (Meilisearch's synonyms are applied to the query, so a Spanish
 * query reaches a resource written only in Portuguese). Accented and plain spellings
 * are both listed, because people type either.
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ['vivienda', 'housing', 'habitação', 'habitacao', 'moradia'],
  ['vivienda social', 'social housing', 'habitação de interesse social', 'habitacao de interesse social', 'habitação social', 'vivienda de interés social'],
  ['asentamiento informal', 'asentamientos informales', 'informal settlement', 'informal settlements', 'favela', 'favelas', 'assentamento informal', 'assentamentos precários', 'assentamentos precarios', 'slum', 'slums'],
  ['mejoramiento de barrios', 'settlement upgrading', 'slum upgrading', 'urbanização de favelas', 'urbanizacao de favelas'],
  ['alquiler', 'arriendo', 'rental', 'rent', 'aluguel', 'locação', 'locacao'],
  ['tenencia', 'tenure', 'posse'],
  ['suelo', 'tierra', 'land', 'terra', 'solo urbano'],
  ['desalojo', 'desalojos', 'eviction', 'evictions', 'despejo', 'despejos', 'remoção', 'remocao', 'remoções'],
  ['reasentamiento', 'resettlement', 'reassentamento'],
  ['financiamiento', 'financiación', 'finance', 'financing', 'financiamento'],
  ['microfinanzas', 'microfinance', 'microfinanças', 'microfinancas', 'microcrédito', 'microcredit'],
  ['subsidio', 'subsidy', 'subsídio', 'subsidio habitacional'],
  ['cambio climático', 'cambio climatico', 'climate change', 'mudança climática', 'mudanca climatica', 'mudanças climáticas'],
  ['riesgo de desastres', 'disaster risk', 'risco de desastres'],
  ['resiliencia', 'resilience', 'resiliência', 'resiliencia climatica'],
  ['género', 'genero', 'gender', 'gênero'],
  ['mujeres', 'women', 'mulheres'],
  ['migración', 'migracion', 'migration', 'migração', 'migracao'],
  ['migrantes', 'migrants', 'migrantes e refugiados'],
  ['desplazamiento', 'displacement', 'deslocamento'],
  ['ciudades intermedias', 'secondary cities', 'cidades médias', 'cidades medias'],
  ['agua', 'water', 'água'],
  ['saneamiento', 'sanitation', 'saneamento'],
  ['servicios básicos', 'servicios basicos', 'basic services', 'serviços básicos', 'servicos basicos'],
  ['planificación urbana', 'planificacion urbana', 'urban planning', 'planejamento urbano'],
  ['ordenamiento territorial', 'land use planning', 'ordenamento territorial'],
  ['vivienda incremental', 'incremental housing', 'habitação incremental', 'autoconstrucción', 'self-help housing', 'autoconstrução'],
  ['derecho a la vivienda', 'right to housing', 'direito à moradia', 'direito a moradia'],
  ['política de vivienda', 'politica de vivienda', 'housing policy', 'política habitacional', 'politica habitacional'],
  ['captura de plusvalías', 'land value capture', 'captura de mais-valias'],
  ['datos', 'data', 'dados'],
  ['monitoreo', 'monitoring', 'monitoramento'],
  ['evaluación', 'evaluacion', 'evaluation', 'avaliação', 'avaliacao'],
  ['barrio', 'neighbourhood', 'neighborhood', 'bairro'],
  ['ciudad', 'city', 'cidade'],
  ['comunidad', 'community', 'comunidade'],
  ['informe', 'report', 'relatório', 'relatorio'],
  ['guía', 'guia', 'guide', 'toolkit', 'caja de herramientas', 'manual'],
  ['estudio de caso', 'case study', 'estudo de caso'],
  ['ley', 'law', 'lei', 'normativa', 'regulation', 'regulação']
];

/** Meilisearch's form: each word maps to the others of its group. */
export function synonymMap(groups: readonly (readonly string[])[] = synonymGroups): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const key = word.toLowerCase();
      const others = group.filter((w) => w !== word).map((w) => w.toLowerCase());
      map[key] = [...new Set([...(map[key] ?? []), ...others])];
    }
  }
  return map;
}
