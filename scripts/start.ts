// `npm start`: builds the SPA when dist/ is missing or older than its sources, then serves the
// SPA and the API on one port (the gateway; the embedded simulator when no key is set).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { startStudio } from '../src/proxy/main.ts'

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

const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0
if (builtAt < Math.max(...SOURCES.map(newest))) {
  console.log(builtAt ? 'Sources changed since the last build; rebuilding the SPA…' : 'Building the SPA (first start)…')
  await build({ logLevel: 'warn' })
}
await startStudio(process.env)
