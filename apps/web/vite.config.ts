import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `vite dev` serves the pages only; the API runs separately (default :3001) and is proxied,
// so the browser still sees one origin. The same variable tells the server code where to call.
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3001';

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
    sveltekit()
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
