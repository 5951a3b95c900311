import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { lingui } from '@lingui/vite-plugin'
import { linguiMacros } from './scripts/lingui-macro-plugin.ts'

export default defineConfig({
  plugins: [linguiMacros(), react(), lingui()],
  test: {
    environment: 'node',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/unit.json' },
  },
})
