// Finds an executable the tests need among `candidates`, or installs Debian's `pkg` (apt-get, through
// sudo unless root) and looks again. Exits non-zero with a reason (and how to help) otherwise.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

const executable = (p) => {
  try {
    accessSync(p, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function findOrInstall(candidates, pkg, envVar) {
  const found = candidates.find((p) => p && executable(p))
  if (found) return found
  console.log(`No ${pkg} found; installing Debian's ${pkg} package (apt-get)…`)
  const root = process.getuid?.() === 0
  const run = (args) => {
    const r = spawnSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    return r.status === 0
  }
  if (!run(['apt-get', 'update', '-q']) || !run(['apt-get', 'install', '-y', '-q', pkg])) {
    console.error(`Could not install ${pkg}. Install it yourself (apt-get install -y ${pkg}) or set ${envVar}.`)
    process.exit(1)
  }
  const installed = candidates.find((p) => p && executable(p))
  if (!installed) {
    console.error(`apt-get finished but no ${pkg} executable was found; set ${envVar}.`)
    process.exit(1)
  }
  return installed
}
