// Finds a Chromium for the e2e tests, or installs Debian's (Playwright's own browser download
// cannot work offline). Prints the path it settled on; exits non-zero with a reason otherwise.
import { execFileSync } from 'node:child_process'
import { findOrInstall } from './debian-package.mjs'

const found = findOrInstall(
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  'chromium',
  'CHROMIUM_PATH',
)
let version
try {
  version = execFileSync(found, ['--version'], { encoding: 'utf8' }).trim()
} catch {
  version = '(version unknown)'
}
console.log(`e2e browser: ${found} ${version}`)
