import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import pluginLingui from 'eslint-plugin-lingui'
import tseslint from 'typescript-eslint'

// Imports go one way (STYLE.md): shared -> lib, components/ui -> features -> app.
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
})

// Features never import each other: what two features share lives in lib or components/ui.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
const featureZones = features.map((name) => ({
  target: `./src/features/${name}`,
  from: './src/features',
  except: [`./${name}`],
  message: 'features never import each other; move what they share to src/lib or src/components/ui',
}))

// TypeScript leaves no-undef off (it knows the globals); tsc sees both environments' types, so
// the other environment's globals are named here.
const nodeOnlyGlobals = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate']
const browserOnlyGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'HTMLElement']
const noGlobals = (names, why) => ({
  'no-restricted-globals': ['error', ...names.map((name) => ({ name, message: why }))],
})

// Test support lives in src/testing; production code never imports it.
const testingZone = {
  target: ['./src/app', './src/features', './src/lib', './src/components', './src/proxy', './src/simulator', './src/shared'],
  from: './src/testing',
  message: 'src/testing is for tests only',
}
const testFiles = ['**/*.test.ts', '**/*.test.tsx']

const browserCode = ['src/app/**', 'src/features/**', 'src/lib/**', 'src/components/**', 'src/testing/**']
const serverCode = ['src/proxy/**', 'src/simulator/**', 'scripts/**', 'bench/**', 'e2e/**', '*.config.ts', '*.config.js']

// Every string a user reads goes through Lingui (src/locales): a plain sentence in a component is
// an error. Strings without a letter, identifiers (class names, ids, enum values, keys) and
// attributes that are not read by people are not sentences.
const i18nRules = {
  'lingui/no-unlocalized-strings': [
    'error',
    {
      useTsTypes: true,
      ignore: [
        '^[^A-Za-z]*$', // no letter: symbols, numbers
        '^[a-z0-9@._/*#:=[\\]()%!+-]+$', // one identifier: a key, an enum value, a mime type
        '^(\\s*[a-z0-9!:/[\\]._%-]*[-:][a-z0-9!:/[\\]._%-]*|\\s*(border|flex|block|hidden|rounded|underline|contents|grid|absolute|relative|fixed|truncate|shadow|transition|uppercase))+\\s*$', // Tailwind classes
        '^\\s*(px|M|MB)\\s*$', // units
        '^(PNG|JPEG|WebP|Python|JavaScript|English|简体中文)$', // names, the same in every language
      ],
      ignoreNames: [
        {
          regex: {
            pattern:
              '^(className|class|type|role|key|name|id|value|href|accept|inputMode|variant|testId|tone|kind|mode|status|method|src|lang|translate|htmlFor|style|d|viewBox|fill|stroke|strokeWidth|draggable|rel|target|download|sort|layout|language|format|unit|show|op|verdict|zoom|cursor)$',
          },
        },
        {
          regex: {
            pattern:
              '^(data-|aria-(live|hidden|controls|describedby|labelledby|pressed|selected|expanded|invalid|disabled|current|haspopup|keyshortcuts))',
          },
        },
        { regex: { pattern: '^[A-Z0-9_]+$' } },
      ],
      ignoreFunctions: [
        'console.*',
        '*.querySelector',
        '*.querySelectorAll',
        '*.closest',
        'document.getElementById',
        'performance.*',
        '*.setAttribute',
        '*.removeAttribute',
        '*.getData',
        '*.setData',
        '*.addEventListener',
        '*.removeEventListener',
        'localStorage.*',
        'new Intl.*',
        'cx',
        'Symbol',
      ],
    },
  ],
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'reports', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: featureZones }],
      // One zod: the functional zod/mini everywhere (smaller bundles; one way to write a schema).
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod']", message: "import * as z from 'zod/mini'" }],
    },
  },
  {
    files: ['src/**'],
    ignores: testFiles,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...featureZones, testingZone] }] },
  },
  // Globals per environment: the browser's in browser code, Node's in server code and tooling,
  // only what both have in src/shared (it runs in both).
  {
    files: browserCode,
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'src/testing/**'],
    languageOptions: { globals: globals.browser },
    rules: noGlobals(nodeOnlyGlobals, 'browser code: this is a Node global'),
  },
  {
    files: ['src/proxy/**', 'src/simulator/**', 'scripts/**'],
    languageOptions: { globals: globals.node },
    rules: noGlobals(browserOnlyGlobals, 'server code: this is a browser global'),
  },
  { files: serverCode, languageOptions: { globals: globals.node } },
  {
    files: ['src/shared/**'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: noGlobals([...nodeOnlyGlobals, ...browserOnlyGlobals], 'src/shared runs in the browser and in Node: use only what both have'),
  },
  // Unit tests of browser code run in Node or jsdom.
  {
    files: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/testing/**', 'vitest.config.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  // test doubles implement async interfaces without awaiting anything
  { files: ['**/*.test.ts', '**/*.test.tsx'], rules: { '@typescript-eslint/require-await': 'off' } },
  {
    files: ['src/shared/**'],
    rules: noImport(
      ['**/proxy/**', '**/simulator/**', '**/app/**', '**/features/**', '**/lib/**', '**/components/**', 'node:*', 'react', 'react-dom'],
      'src/shared is isomorphic and imports nothing of the studio, the DOM or Node',
    ),
  },
  {
    files: ['src/app/**', 'src/features/**', 'src/lib/**', 'src/components/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: noImport(['**/proxy/**', '**/simulator/**', 'node:*'], 'browser code never imports the server or the simulator'),
  },
  {
    files: ['src/app/**/*.tsx', 'src/features/**/*.tsx', 'src/components/**/*.tsx'],
    ignores: testFiles,
    plugins: { lingui: pluginLingui },
    rules: i18nRules,
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
