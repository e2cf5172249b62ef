// The console's build: two entries, the staff console (index.html) and the citizen's page (track.html,
// its own small bundle: Vue only, no Element Plus, no staff code). `npm install` runs it (postinstall);
// the API serves web/dist at / (api/console.ts).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes .br and .gz beside every text asset; the API serves them to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: 'gc-precompress',
    apply: 'build',
    closeBundle() {
      const dir = path.join(here, 'dist', 'assets');
      if (!fs.existsSync(dir)) return;
      for (const name of fs.readdirSync(dir).filter((n) => /\.(js|css|svg|json)$/.test(n))) {
        const data = fs.readFileSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(data));
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue(), precompress()],
  define: {
    // vue-i18n's esm-bundler build asks for these; the composition API only, no legacy mode.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: `${here}index.html`, track: `${here}track.html` },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
