// ESLint with typescript-eslint's recommended rules, over the library, the app, the tests and
// the benchmarks; `npm test` runs it (`npm run lint` alone). The library's layers (ARCHITECTURE.md)
// are enforced here: no import circle, and no import from a lower layer to a higher one.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The packages of the cdk8s world: src/core (plain data) imports none of them. */
const CDK8S_PACKAGES = ['cdk8s', 'cdk8s-plus-*', 'constructs'];

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', 'coverage/**', 'bench/template/**', 'test/integration/consumer/app/**', 'test/integration/consumer/recipe/**', 'test/fixtures/foreign/imports/**', '.tools/**', '.api-docs/**', 'src/imports/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed parameters and variables are unused on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // an `any` in a test helper or at the cdk8s boundary is sometimes the honest type
      '@typescript-eslint/no-explicit-any': 'off',
      'eqeqeq': ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  // The library itself, with type information: typescript-eslint's recommendedTypeChecked, plus
  // no `any` and type-only imports written as such (they vanish from the compiled JavaScript).
  ...tseslint.configs.recommendedTypeChecked.map(c => ({ ...c, files: ['src/**/*.ts'] })),
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
    },
  },
  // The layers of src/: core <- values <- synth <- constructs, and tools <- core only; the entry
  // points (src/*.ts) on top. An arrow the other way, or a circle, fails the lint.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      // type-only imports count too: a circle of types is still a circle to read
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './src/core', from: ['./src/values/**', './src/synth/**', './src/constructs/**', './src/tools/**', './src/*.ts'], message: 'src/core is the bottom layer: it imports nothing of ours above it (ARCHITECTURE.md).' },
          { target: './src/values/**', from: ['./src/synth/**', './src/constructs/**', './src/tools/**', './src/*.ts'], message: 'src/values imports only src/core (ARCHITECTURE.md).' },
          { target: './src/synth/**', from: ['./src/constructs/**', './src/tools/**', './src/*.ts'], message: 'src/synth imports only src/core and src/values (ARCHITECTURE.md).' },
          { target: './src/constructs/**', from: ['./src/tools/**', './src/*.ts'], message: 'src/constructs does not import src/tools or an entry point (ARCHITECTURE.md).' },
          { target: './src/tools/**', from: ['./src/values/**', './src/synth/**', './src/constructs/**', './src/*.ts'], message: 'src/tools imports only src/core (ARCHITECTURE.md).' },
        ],
      }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: CDK8S_PACKAGES, message: 'src/core and src/tools work on plain manifests: no cdk8s, cdk8s-plus or constructs (ARCHITECTURE.md).' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
