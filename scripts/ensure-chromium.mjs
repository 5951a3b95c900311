// Finds a Chromium for the e2e tests, or installs Debian's (Playwright's own browser download
// cannot work offline). Prints the path it settled on; exits non-zero with a reason otherwise.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

const executable = (p) => {
  try {
    accessSync(p, constants.X_OK)
    return true
  } catch {
    return false
  }
}

let found = candidates.find((p) => p && executable(p))
if (!found) {
  console.log("No Chromium found; installing Debian's chromium package (apt-get)…")
  const root = process.getuid?.() === 0
  const run = (args) => {
    const cmd = root ? args[0] : 'sudo'
    const rest = root ? args.slice(1) : args
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    return r.status === 0
  }
  if (!run(['apt-get', 'update', '-q']) || !run(['apt-get', 'install', '-y', '-q', 'chromium'])) {
    console.error('Could not install Chromium. Install it yourself (apt-get install -y chromium) or set CHROMIUM_PATH.')
    process.exit(1)
  }
  found = candidates.find((p) => p && executable(p))
  if (!found) {
    console.error('apt-get finished but no chromium executable was found; set CHROMIUM_PATH.')
    process.exit(1)
  }
}
let version
try {
  version = execFileSync(found, ['--version'], { encoding: 'utf8' }).trim()
} catch {
  version = '(version unknown)'
}
console.log(`e2e browser: ${found} ${version}`)
