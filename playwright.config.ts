import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'
import { E2E_SIMULATOR } from './e2e/fixtures/simulator.ts'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium-flags.ts'

// Debian's Chromium: Playwright's own browser download cannot work offline.

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399)

// The server's job journal: a fresh folder per run (set once; the workers inherit it).
process.env.E2E_STUDIO_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'qis-e2e-data-'))

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  // The real studio server (built SPA + gateway) on the embedded simulator. An empty key forces
  // simulator mode even when a developer's .env holds a real one: no test reaches DashScope.
  webServer: {
    command: 'npx tsx scripts/start.ts',
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DASHSCOPE_API_KEY: '',
      DASHSCOPE_BASE_URL: '',
      STUDIO_DATA_DIR: process.env.E2E_STUDIO_DATA_DIR,
      REDIS_URL: '',
      // The tests drive the simulator through its admin routes (faults, reset, stats).
      SIMULATOR_ADMIN: '1',
      // The timings every test starts from (e2e/fixtures/simulator.ts), written once.
      SIMULATOR_QUEUE_MS: String(E2E_SIMULATOR.queueMs),
      SIMULATOR_RUN_MS: String(E2E_SIMULATOR.runMs),
      SIMULATOR_EXTEND_MS: String(E2E_SIMULATOR.extendMs),
      SIMULATOR_SYNC_MS: String(E2E_SIMULATOR.syncMs),
      SIMULATOR_MINUTE_MS: String(E2E_SIMULATOR.minuteMs),
      SIMULATOR_PREVIEW_ACCESS: String(E2E_SIMULATOR.previewAccess),
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: process.env.E2E_SERVER_LOG ? 'pipe' : 'ignore',
    stderr: 'pipe',
  },
})
