import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

// `vite dev` serves the pages only; the API runs separately (default :3001) and is proxied,
// so the browser still sees one origin. The same variable tells the server code where to call.
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3001';

/**
 * Paraglide writes one module per message, and Rollup gave most of them a chunk of their
 * own (300 chunks, half under 300 bytes): a page fetched 35–50 scripts, each with its
 * response headers. In the browser's bundle, side-effect-free chunks below 8 KiB are
 * merged into a chunk loaded under similar conditions, at the price of a little code
 * loaded early. Not in the server's bundle: merging into route modules there adds exports
 * SvelteKit refuses, and nothing there is fetched. `enforce: 'post'` so that SvelteKit
 * has said which build this is (`build.ssr`).
 */
function fewerChunks(): Plugin {
  return {
    name: 'mutirao-fewer-chunks',
    enforce: 'post',
    config(config) {
      if (config.build?.ssr) return;
      return { build: { rollupOptions: { output: { experimentalMinChunkSize: 8 * 1024 } } } };
    }
  };
}

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // The server picks the language (account, cookie, Accept-Language) and writes the cookie;
      // the browser runtime reads the same cookie. Keep in sync with the `i18n` script in package.json.
      strategy: ['cookie', 'baseLocale'],
      emitReadme: false
    }),
    sveltekit(),
    fewerChunks()
  ],
  // @mutirao/shared ships TypeScript sources: bundle it rather than import it at run time.
  ssr: { noExternal: ['@mutirao/shared'] },
  server: {
    proxy: {
      '/api': { target: apiOrigin, ws: true },
      '/dev': { target: apiOrigin, ws: true }
    }
  }
});
