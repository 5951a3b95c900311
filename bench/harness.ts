/** Shared set-up for the browser benchmarks: a private SPA build, the studio on a free port, Chromium. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { startStudio, type RunningStudio } from '../src/proxy/main.ts'
import { CHROMIUM, CHROMIUM_ARGS } from './report.ts'

export const ROOT = path.resolve(import.meta.dirname, '..')

let built: string | undefined

/**
 * Builds the SPA once per run into a temporary folder (not dist/: an e2e run may be serving it).
 * Removed by cleanupBuild().
 */
export function buildSpa(): string {
  if (built) return built
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'qis-bench-dist-'))
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  built = outDir
  return outDir
}

export function cleanupBuild() {
  if (built) rmSync(built, { recursive: true, force: true })
  built = undefined
}

/** The studio in simulator mode on 127.0.0.1 and a free port, serving `distDir`, fast simulator. */
export function startBenchStudio(distDir: string): Promise<RunningStudio> {
  const env: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    PORT: '0',
    DASHSCOPE_API_KEY: '',
    SIMULATOR_QUEUE_MS: '20',
    SIMULATOR_RUN_MS: '50',
    SIMULATOR_EXTEND_MS: '0',
    SIMULATOR_SYNC_MS: '0',
  }
  return startStudio(env, { distDir, log: () => {} })
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
}

/** Runs `body` with a fresh studio and browser, closing both whatever happens. */
export async function withStudioAndBrowser<T>(body: (url: string, browser: Browser) => Promise<T>): Promise<T> {
  const studio = await startBenchStudio(buildSpa())
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    return await body(studio.url, browser)
  } finally {
    await browser?.close().catch(() => {})
    await studio.close()
  }
}

/** tsx keeps function names with a `__name` helper that page.evaluate'd functions would call. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f)'
