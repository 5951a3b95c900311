// `npm test`: typecheck, lint (layout zones, cycles, globals), dead code (knip), format (Prettier), unit tests
// (vitest; Redis mode's start real redis-servers, found or installed first), e2e tests (Playwright
// in Chromium), in that order, each run even when an earlier one
// failed, then one closing line counted from the runners' JSON reports: `total: N passed,
// M failed` (typecheck, lint, dead code and format count as one check each).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

rmSync('reports/unit.json', { force: true })
rmSync('reports/e2e.json', { force: true })
mkdirSync('reports', { recursive: true })

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['deadcode', 'npx', ['knip']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['redis', 'node', ['scripts/ensure-redis.mjs']],
  ['unit', 'npx', ['vitest', 'run']],
  ['browser', 'node', ['scripts/ensure-chromium.mjs']],
  ['e2e', 'npx', ['playwright', 'test']],
]

const ok = {}
for (const [name, cmd, args] of steps) {
  if (name === 'e2e' && !ok.browser) {
    ok.e2e = false
    continue
  }
  const started = Date.now()
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  ok[name] = r.status === 0
  console.log(`=== ${name}: ${ok[name] ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

const read = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'))
  } catch {
    return null
  }
}
let passed = 0
let failed = 0
const count = (label, p, f, extra = '') => {
  passed += p
  failed += f
  console.log(`${label}: ${p} passed, ${f} failed${extra}`)
}
for (const name of ['typecheck', 'lint', 'deadcode', 'format']) count(name, ok[name] ? 1 : 0, ok[name] ? 0 : 1)
const unit = read('reports/unit.json')
if (unit)
  count(
    'unit',
    unit.numPassedTests,
    unit.numFailedTests + (unit.numTotalTests === 0 ? 1 : 0),
    `, ${unit.numPendingTests + unit.numTodoTests} skipped`,
  )
else count('unit', 0, 1, ' (no reports/unit.json)')
const e2e = read('reports/e2e.json')
if (e2e) {
  const s = e2e.stats
  const ran = s.expected + s.unexpected + s.flaky
  count('e2e', s.expected + s.flaky, s.unexpected + (ran === 0 ? 1 : 0), `, ${s.skipped} skipped${s.flaky ? `, ${s.flaky} flaky` : ''}`)
} else count('e2e', 0, 1, ' (no reports/e2e.json)')
const allOk = Object.values(ok).every(Boolean) && failed === 0
console.log(`total: ${passed} passed, ${failed} failed`)
process.exit(allOk ? 0 : 1)
