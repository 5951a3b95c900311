// Finds a redis-server for Redis mode's tests (each starts servers of its own: scripts/redis-server.ts),
// or installs Debian's. Prints the path it settled on; exits non-zero with a reason otherwise.
import { execFileSync } from 'node:child_process'
import { findOrInstall } from './debian-package.mjs'

const found = findOrInstall(
  [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'],
  'redis-server',
  'REDIS_SERVER',
)
console.log(`redis-server for the tests: ${found} ${execFileSync(found, ['--version'], { encoding: 'utf8' }).trim()}`)
