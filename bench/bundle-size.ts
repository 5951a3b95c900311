/** 4. Initial JS and CSS, gzip: what the built index.html loads before anything is lazy-loaded. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildSpa } from './harness.ts'
import { kb, verdict, type BenchResult } from './report.ts'

const JS_GOAL_BYTES = 120 * 1024

interface Asset {
  file: string
  kind: 'js' | 'css'
  raw: number
  gzip: number
}

/** The script, modulepreload and stylesheet URLs of index.html. */
export function initialAssets(html: string): { file: string; kind: 'js' | 'css' }[] {
  const found: { file: string; kind: 'js' | 'css' }[] = []
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1]
    if (!url || /^https?:/.test(url)) continue
    if (tag.startsWith('<script') || /rel="modulepreload"/.test(tag)) found.push({ file: url, kind: 'js' })
    else if (/rel="stylesheet"/.test(tag)) found.push({ file: url, kind: 'css' })
  }
  return found
}

export function benchBundleSize(): BenchResult {
  const dist = buildSpa()
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
  const assets: Asset[] = initialAssets(html).map(({ file, kind }) => {
    const bytes = readFileSync(path.join(dist, file.replace(/^\//, '')))
    return { file, kind, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  const sum = (kind: Asset['kind'], key: 'raw' | 'gzip') => assets.filter((a) => a.kind === kind).reduce((n, a) => n + a[key], 0)
  const js = sum('js', 'gzip')
  return {
    rows: [
      {
        figure: 'Initial JS, gzip',
        goal: '<= 120 KB',
        measured: `${kb(js)} (${kb(sum('js', 'raw'))} raw)`,
        verdict: verdict(js <= JS_GOAL_BYTES),
      },
      {
        figure: 'Initial CSS, gzip',
        goal: '(reported)',
        measured: `${kb(sum('css', 'gzip'))} (${kb(sum('css', 'raw'))} raw)`,
        verdict: 'pass',
      },
    ],
    notes: [`Initial assets (gzip -9): ${assets.map((a) => `${a.file} ${kb(a.gzip)}`).join(', ')}.`],
  }
}
