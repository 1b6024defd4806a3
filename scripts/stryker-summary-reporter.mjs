// A Stryker reporter that ends the run with one line per mutated file and one
// summary line, from the same metrics as Stryker's own score table.
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const percent = (score) => (Number.isNaN(score) ? 'n/a' : `${score.toFixed(2)} %`);

function files(result) {
  return result.file ? [result] : result.childResults.flatMap(files);
}

class SummaryReporter {
  onMutationTestReportReady(_report, metrics) {
    const all = metrics.systemUnderTestMetrics;
    const lines = files(all).map(({ name, file, metrics: m }) => {
      const path = file?.name ?? name;
      return `  ${percent(m.mutationScore).padStart(8)}  ${path} (${m.totalDetected} of ${m.totalValid} detected, ${m.survived} survived, ${m.noCoverage} not covered)`;
    });
    const m = all.metrics;
    console.log(
      [
        '',
        'Mutation score per file:',
        ...lines,
        `Mutation score: ${percent(m.mutationScore)} (${m.killed} killed, ${m.timeout} timed out, ${m.survived} survived, ` +
          `${m.noCoverage} not covered, of ${m.totalValid} mutants)`
      ].join('\n')
    );
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'summary', SummaryReporter)];
