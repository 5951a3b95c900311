/**
 * `npm run bench`: runs each benchmark in turn, prints the table and appends it, with the
 * machine's description, to BENCHMARKS.md. A benchmark that throws is reported as an error row.
 */
import path from 'node:path'
import { benchBundleSize } from './bundle-size.ts'
import { benchGalleryScale } from './gallery-scale.ts'
import { benchGatewayOverhead } from './gateway-overhead.ts'
import { benchQueue } from './queue.ts'
import { cleanupBuild, ROOT } from './harness.ts'
import { appendReport, describeMachine, renderTable, type BenchResult, type Row } from './report.ts'
import { benchResultToKept } from './result-to-kept.ts'
import { benchTextCheck } from './text-check.ts'
import { benchWait } from './wait.ts'

const BENCHMARKS: [string, () => Promise<BenchResult> | BenchResult][] = [
  ['Gateway overhead', benchGatewayOverhead],
  ['Result-to-kept', benchResultToKept],
  ['Gallery at scale', benchGalleryScale],
  ['Initial JS and CSS', benchBundleSize],
  ['Poster text check', benchTextCheck],
  ['Queue in the studio server', benchQueue],
  ['Added wait', benchWait],
]

async function main() {
  const only = process.argv.slice(2).map((a) => a.toLowerCase())
  const rows: Row[] = []
  const notes: string[] = []
  try {
    for (const [name, run] of BENCHMARKS) {
      if (only.length && !only.some((o) => name.toLowerCase().includes(o))) continue
      console.log(`… ${name}`)
      try {
        const result = await run()
        rows.push(...result.rows)
        notes.push(...result.notes)
      } catch (error) {
        rows.push({ figure: name, goal: '', measured: 'failed', verdict: 'error' })
        notes.push(`${name} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
        console.error(error)
      }
    }
  } finally {
    cleanupBuild()
  }
  const machine = describeMachine()
  console.log(`\n${machine}\n\n${renderTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}`)
  appendReport(path.join(ROOT, 'BENCHMARKS.md'), machine, rows, notes)
  if (rows.some((r) => r.verdict === 'error')) process.exitCode = 1
}

await main()
