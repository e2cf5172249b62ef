// Lint: eslint's and typescript-eslint's recommended rules, the 120-character line, and the
// boundaries between folders (see ../shared/DESIGN.md: imports flow one way). Prettier formats;
// `npm run lint` checks both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '.tap/', '.data/', 'web/dist/'] },
  // web/ files are .ts and .vue; the boundaries below cover its .ts modules.
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'max-len': ['error', { code: 120, ignoreUrls: false }],
      // Tests poke at loosely typed answers; elsewhere `any` is flagged until the typed contracts
      // (api/schemas) and the engine-client port replace the remaining ones.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // The console's single-file components: Vue's recommended rules, <script lang="ts"> parsed by
  // typescript-eslint. no-undef is TypeScript's job there (browser globals), as it is in .ts files.
  ...pluginVue.configs['flat/recommended'].map((c) => ({ ...c, files: ['web/**/*.vue'] })),
  {
    files: ['web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      'no-undef': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      // Prettier lays out templates; Vue's layout rules would fight it.
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  ...boundaries({
    domain: {
      folders: ['api', 'store', 'services', 'workers', 'engine', 'engine-client', 'platform', 'scripts'],
      modules: ['pg', 'knex', 'node:fs', 'node:net', 'node:http', 'node:child_process', '@camunda8/sdk'],
      why: 'domain/ holds pure rules: no I/O',
    },
    store: {
      folders: ['api', 'services', 'workers', 'engine', 'engine-client', 'scripts'],
      why: 'store/ imports only domain/ and platform/',
    },
    workers: { folders: ['api', 'scripts'], why: 'workers/ never import the HTTP layer' },
    services: { folders: ['api', 'scripts', 'workers'], why: 'services/ are called by api/, not the other way round' },
    'engine-client': {
      folders: ['api', 'services', 'workers', 'store', 'scripts', 'engine'],
      why: 'engine-client/ reaches an engine only through its protocols',
    },
    engine: {
      folders: ['api', 'store', 'services', 'workers', 'domain', 'engine-client', 'scripts'],
      why: 'engine/ imports nothing of the application',
    },
    platform: {
      folders: ['api', 'store', 'services', 'workers', 'engine', 'engine-client', 'domain', 'scripts'],
      why: 'platform/ is below everything',
    },
    // Entry points start the application parts by name (scripts/parts.ts), so they need nothing of api/.
    scripts: { folders: ['api'], why: 'scripts/ start the API part by name (scripts/parts.ts), never import api/' },
    // The console shares the API's contract and the domain's types, nothing of the server.
    web: {
      folders: ['api(?!/schemas/)', 'store', 'services', 'workers', 'engine', 'engine-client', 'platform', 'scripts'],
      why: 'web/ may import only api/schemas and domain',
    },
  }),
);

/**
 * One no-restricted-imports block per folder and depth: which top-level folders and modules its files
 * may not import. Imports are relative, so a file d folders deep reaches top-level folder F as
 * '../' repeated d times + F; anchoring on that keeps engine/store from being taken for store/.
 */
function boundaries(rules) {
  return Object.entries(rules).flatMap(([folder, { folders, modules = [], why }]) =>
    [1, 2, 3, 4].map((depth) => ({
      files: [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,js,vue}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: modules.map((name) => ({ name, message: why })),
            patterns: [{ regex: `^(\\.\\./){${depth}}(${folders.join('|')})(/|$)`, message: why }],
          },
        ],
      },
    })),
  );
}
