// ESLint: the recommended rules for JavaScript, TypeScript and Svelte 5, and the project's
// dependency rules (who may import whom), checked by `npm test` (`npm run lint`).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Import restrictions for a part of the tree. */
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

const BUILD_ONLY = {
  group: ['**/build/*', '**/build/**'],
  message: 'Build-only code (src/build/) must never reach a browser bundle: import it from .astro files or other build modules only.',
};

export default ts.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'public/',
      '**/*.generated.ts',
      'packages/core/src/kernels/kernelsWasm.ts',
      'scripts/.*.tmp.mjs',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },

  // LAPACK ports keep LAPACK's structure, dead initialisations included, so they can be read
  // side by side with the Fortran they follow.
  { files: ['packages/core/src/linalg/**'], rules: { 'no-useless-assignment': 'off' } },

  // Shared machinery never reaches into a feature, nor into build-only code.
  restrict(
    ['src/runtime/**'],
    [
      {
        group: ['**/demos/**', '**/analyze/**'],
        message: 'src/runtime/ is shared by every demo and never imports one (nor the analysis page).',
      },
      BUILD_ONLY,
    ],
  ),
  // A demo stands alone: it uses src/runtime/ and src/components/, never another demo.
  restrict(
    ['src/demos/**'],
    [
      { regex: '^\\.\\./(?!\\.\\.)', message: 'Demos never import each other: move what two demos share to src/runtime/.' },
      { group: ['**/analyze/**'], message: 'Demos never import the analysis page.' },
      BUILD_ONLY,
    ],
  ),
  restrict(
    ['src/analyze/**'],
    [{ group: ['**/demos/**'], message: 'The analysis page never imports a demo: share through src/runtime/.' }, BUILD_ONLY],
  ),
  restrict(['src/components/**', 'src/workers/**', 'src/layouts/**'], [BUILD_ONLY]),
  // The core knows nothing of the site, and has no runtime dependency.
  restrict(
    ['packages/core/src/**'],
    [
      { regex: '^(\\.\\./){2,}', message: 'The core never imports from outside packages/core/src.' },
      { regex: '^(?!\\.|node:)', message: 'The core has no runtime dependencies.' },
    ],
  ),
);
