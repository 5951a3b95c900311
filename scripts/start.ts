// `npm start`: builds the SPA when dist/ is missing or older than its sources, then serves the
// SPA and the API on one port (the gateway; the embedded simulator when no key is set).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { startStudio } from '../src/proxy/main.ts'
import { loadDotEnv, parseServerConfig } from '../src/proxy/server-config.ts'

const SOURCES = ['index.html', 'vite.config.ts', 'package-lock.json', 'public', 'src']
const SERVER_ONLY = [join('src', 'proxy'), join('src', 'simulator')]

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  if (SERVER_ONLY.includes(path)) return 0
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

/** A setting the server refuses is said in plain words, with no stack trace, before any build. */
function stop(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}

try {
  loadDotEnv()
  parseServerConfig(process.env)
} catch (error) {
  stop(error)
}

const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0
if (builtAt < Math.max(...SOURCES.map(newest))) {
  console.log(builtAt ? 'Sources changed since the last build; rebuilding the SPA…' : 'Building the SPA (first start)…')
  await build({ logLevel: 'warn' })
}
await startStudio(process.env).catch(stop)
