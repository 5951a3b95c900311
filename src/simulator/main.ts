/**
 * The standalone simulator: `tsx src/simulator/main.ts [--port 9100] [--host 127.0.0.1] [--key K ...]`.
 * Environment: SIMULATOR_PORT, SIMULATOR_API_KEYS (comma-separated), SIMULATOR_ADMIN=1 and the
 * variables of env-options.ts. Point any DashScope client at the printed base URL with one of the keys.
 */
import { serve } from '@hono/node-server'
import { parseArgs } from 'node:util'
import { createSimulator } from './create-simulator.ts'
import { parsePort, simulatorAdminFromEnv, simulatorOptionsFromEnv, simulatorPortFromEnv } from './env-options.ts'

const DEFAULT_PORT = 9100
const DEFAULT_HOST = '127.0.0.1'

const USAGE = `Usage: tsx src/simulator/main.ts [--port 9100] [--host 127.0.0.1] [--key KEY ...]`

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      key: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const options = simulatorOptionsFromEnv(process.env)
  if (values.key?.length) options.apiKeys = values.key
  const port = values.port !== undefined ? parsePort('--port', values.port) : (simulatorPortFromEnv(process.env) ?? DEFAULT_PORT)
  const host = values.host ?? DEFAULT_HOST

  const admin = simulatorAdminFromEnv(process.env)
  const simulator = createSimulator({ ...options, admin })
  const server = serve({ fetch: simulator.app.fetch, port, hostname: host }, (info) => {
    const shownHost = info.address.includes(':') ? `[${info.address}]` : info.address
    console.log(`DashScope simulator: http://${shownHost}:${info.port}/api/v1`)
    console.log(`API key${simulator.options().apiKeys.length > 1 ? 's' : ''}: ${simulator.options().apiKeys.join(', ')}`)
    console.log(`Admin routes (/__admin): ${admin ? 'on' : 'off (SIMULATOR_ADMIN=1 turns them on)'}`)
  })
  const stop = () => {
    simulator.close()
    server.close(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

try {
  main()
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  console.error(USAGE)
  process.exit(1)
}
