import { defineConfig } from '@lingui/cli'

// The studio's two languages. English is the source (the messages in the code); `npm test` checks
// that both catalogs hold every message of the code, translated (src/lib/i18n/catalogs.test.ts).
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'zh-CN'],
  fallbackLocales: { default: 'en' },
  catalogs: [
    {
      path: '<rootDir>/src/locales/{locale}',
      include: ['<rootDir>/src/app', '<rootDir>/src/features', '<rootDir>/src/components', '<rootDir>/src/lib'],
      exclude: ['**/*.test.ts', '**/*.test.tsx'],
    },
  ],
})
