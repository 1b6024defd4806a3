import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locales } from '@mutirao/shared/locales';
import { organisationTypes, themes } from '@mutirao/shared/taxonomy';
import { organisationTypeLabels, themeLabels } from '@mutirao/shared/taxonomy-labels';

// The search index uses the shared copy of the labels and the pages show the messages:
// if they drift, a label on a card stops finding the card.
describe('taxonomy labels', () => {
  it.each(locales)('%s: the shared labels are the messages', (locale) => {
    const file = fileURLToPath(new URL(`../../../messages/${locale}.json`, import.meta.url));
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const theme of themes) expect(themeLabels[theme][locale], theme).toBe(messages[`theme_${theme}`]);
    for (const type of organisationTypes) expect(organisationTypeLabels[type][locale], type).toBe(messages[`org_type_${type}`]);
  });
});
