// Layer rules are lint errors from day one (see ../shared/DESIGN.md and
// docs/ARCHITECTURE.md): shared/ is platform-neutral, renderer/ never reaches
// Node, nothing imports electron/ from shared/ or renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream',
  'worker_threads', 'events', 'zlib', 'buffer', 'process', 'readline', 'tty', 'assert', 'perf_hooks',
  'fs/promises', 'timers', 'v8', 'vm', 'module', 'cluster', 'dns', 'dgram', 'tls',
];

const nodeOnlyPackages = ['better-sqlite3', 'regedit', 'chokidar', 'tsx', 'electron', 'electron-builder'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'tmp/', 'tests/e2e/artifacts/', 'renderer/dist/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: {
      // Layout rules are a formatter's job; keep lint about correctness and layering.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/attributes-order': 'off',
    },
  },
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'shared/ must stay platform-neutral: no Node or Electron imports.' })),
        patterns: [
          { group: ['node:*'], message: 'shared/ must stay platform-neutral: no Node imports.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ never imports electron/ or renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'shared/ has no DOM.' },
        { name: 'document', message: 'shared/ has no DOM.' },
        { name: 'process', message: 'shared/ has no Node process.' },
        { name: 'Buffer', message: 'shared/ uses Uint8Array, not Buffer.' },
        { name: 'require', message: 'shared/ is ESM and platform-neutral.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'renderer/ never imports Node: go through window.dumpdesk (shared/api.ts).' })),
        patterns: [
          { group: ['node:*'], message: 'renderer/ never imports Node.' },
          { group: ['**/electron/**'], message: 'renderer/ reaches the OS only through shared/api.ts.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'bin/**/*.js', 'build/**/*.{js,ts}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
