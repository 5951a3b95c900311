/** The benchmarks' shared helpers: statistics, the machine's description and the results table. */
import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { CHROMIUM_PATH } from '../scripts/chromium-flags.ts'

export interface Row {
  figure: string
  goal: string
  measured: string
  verdict: 'pass' | 'miss' | 'pending' | 'error'
}

export interface BenchResult {
  rows: Row[]
  /** What limited a missed goal, breakdowns, caveats: printed under the table. */
  notes: string[]
}

export { CHROMIUM_ARGS } from '../scripts/chromium-flags.ts'
export const CHROMIUM = CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const median = (values: readonly number[]) => percentile(values, 50)

export const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export const verdict = (ok: boolean): Row['verdict'] => (ok ? 'pass' : 'miss')

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return `not found at ${CHROMIUM}`
  }
}

export function describeMachine(): string {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU'
  return [
    `CPU: ${cpu.trim()} (${os.availableParallelism()} cores)`,
    `memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    `Node ${process.version}`,
    chromiumVersion(),
    `${os.type()} ${os.release()}`,
    new Date().toISOString(),
  ].join(' · ')
}

export function renderTable(rows: readonly Row[]): string {
  const header: Row = { figure: 'Figure', goal: 'Goal', measured: 'Measured', verdict: 'pass' }
  const cells = (r: Row) => [r.figure, r.goal, r.measured, r === header ? 'Result' : r.verdict]
  const all = [header, ...rows].map(cells)
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)))
  const line = (c: string[]) => `| ${c.map((s, i) => s.padEnd(widths[i]!)).join(' | ')} |`
  return [line(all[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...all.slice(1).map(line)].join('\n')
}

/** Appends one run (machine, table, notes) to BENCHMARKS.md, creating it with a preface if needed. */
export function appendReport(file: string, machine: string, rows: readonly Row[], notes: readonly string[]) {
  const preface = existsSync(file)
    ? ''
    : '# Benchmarks\n\n`npm run bench` appends one section per run (bench/run.ts). Goals are from issue 7.\n'
  const noteLines = notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''
  appendFileSync(file, `${preface}\n## Run of ${new Date().toISOString()}\n\n${machine}\n\n${renderTable(rows)}\n${noteLines}`)
}
