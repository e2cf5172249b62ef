// Lint: eslint's and typescript-eslint's recommended rules, the 120-character line, and the
// boundaries between folders (see ../shared/DESIGN.md: imports flow one way). Prettier formats;
// `npm run lint` checks both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '.tap/', '.data/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'max-len': ['error', { code: 120, ignoreUrls: false }],
    },
  },
);
