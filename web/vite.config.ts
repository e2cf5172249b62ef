// The console's build: two entries, the staff console (index.html) and the citizen's page (track.html,
// its own small bundle: Vue only, no Element Plus, no staff code). `npm install` runs it (postinstall);
// the API serves web/dist at / (api/console.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue()],
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
