import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe on the page as it is and returns its serious and critical violations, one line
 * each (page, rule, where), so a test can expect `[]`. Every violation is logged. The page's
 * context needs `bypassCSP: true`: axe is injected as a script, which the CSP rightly refuses.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  const where = (v: AxeViolation) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  for (const v of violations) {
    console.log(`[axe] ${page.url()} ${v.impact} ${v.id}: ${v.help} (${where(v)})`);
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.help} at ${where(v)}`);
}
