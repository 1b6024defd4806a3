import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The API server (apps/api/src/server.ts) imports build/handler.js and mounts it.
    adapter: adapter({ out: 'build' }),
    // Every stylesheet is small (app.css ~8 KiB, a route's a few KiB): written into the page,
    // it costs about what the request's headers did and no longer blocks the first paint
    // (Lighthouse's render-blocking audit). Its hash joins the CSP's style-src.
    inlineStyleThreshold: 12 * 1024,
    // Form posts are checked in hooks.server.ts instead, with the API's own Origin rule (the
    // hub's loopback aliases count outside production) and a translated page when refused.
    // ['*'] is how SvelteKit 2 turns its check off (`checkOrigin: false` is deprecated).
    csrf: { trustedOrigins: ['*'] },
    csp: {
      // 'auto': server-rendered pages get a fresh nonce for SvelteKit's inline boot script.
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // The one inline style SvelteKit writes (the route announcer's style attribute, for
        // screen readers); app.css hides the announcer too, should this hash go stale.
        'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        // 'self' also matches ws:/wss: on the same origin (CSP Level 3), which covers /api/live.
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none']
      }
    }
  }
};

export default config;
