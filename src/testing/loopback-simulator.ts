/**
 * A simulator behind a real HTTP server on a loopback port: the upstream of the studio servers a
 * test starts on it (it outlives them, as DashScope would). `cleanups` gets its closing.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createSimulator, type Simulator } from '../simulator/create-simulator.ts'

export async function loopbackSimulator(
  opts: Parameters<typeof createSimulator>[0],
  cleanups: (() => unknown)[],
): Promise<{ sim: Simulator; base: string }> {
  const sim = createSimulator(opts)
  const server = serve({ fetch: sim.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => server.once('listening', r))
  cleanups.push(
    () => new Promise((r) => server.close(r)),
    () => sim.close(),
  )
  return { sim, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1` }
}
