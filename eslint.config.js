import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Imports go one way (STYLE.md): shared -> lib, components/ui -> features -> app.
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
})

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'reports', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  // test doubles implement async interfaces without awaiting anything
  { files: ['**/*.test.ts', '**/*.test.tsx'], rules: { '@typescript-eslint/require-await': 'off' } },
  {
    files: ['src/shared/**'],
    rules: noImport(['**/proxy/**', '**/simulator/**', '**/app/**', '**/features/**', '**/lib/**', 'node:*', 'react'], 'src/shared is isomorphic and imports nothing of the studio'),
  },
  {
    files: ['src/app/**', 'src/features/**', 'src/lib/**', 'src/components/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: noImport(['**/proxy/**', '**/simulator/**', 'node:*'], 'browser code never imports the server or the simulator'),
  },
  {
    files: ['src/components/**'],
    rules: noImport(['**/features/**', '**/app/**', '**/proxy/**', '**/simulator/**'], 'ui primitives import no feature'),
  },
  {
    files: ['src/lib/**'],
    rules: noImport(['**/features/**', '**/app/**', '**/proxy/**', '**/simulator/**'], 'lib imports no feature'),
  },
)
