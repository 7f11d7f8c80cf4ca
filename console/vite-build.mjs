// Vite is ESM only: console/build.ts (CommonJS under tsx) runs it here, as its own process.
// node console/vite-build.mjs <outDir>
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

await build({
  root: fileURLToPath(new URL('.', import.meta.url)),
  configFile: false,
  logLevel: 'warn',
  // JSX through Vite's own transformer with Preact's runtime: no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.argv[2],
    emptyOutDir: true,
    // Every browser the console supports preloads modules natively.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Swagger UI (its own chunk, loaded on /docs only) is 1.5 MB.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
