/** Boots the studio server: settings -> gateway (+ simulator) + the built SPA -> HTTP on HOST:PORT. */
// First: V8's tiering is set before the gateway's modules are evaluated.
import './v8-tiering.ts'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { createServer } from 'node:http'
import { serveApiConnections } from './api-connections.ts'
import { studioListener } from './api-fast-path.ts'
import type { GatewayOptions } from './create-gateway.ts'
import { deferredLineLog } from './line-log.ts'
import { loadDotEnv, parseServerConfig, ServerConfigError } from './server-config.ts'
import { serveSpa } from './static-files.ts'
import { createStudioApp } from './studio-app.ts'

export interface RunningStudio {
  /** e.g. http://127.0.0.1:8787 */
  url: string
  close(): Promise<void>
}

export interface StartOptions extends Pick<GatewayOptions, 'fetch' | 'timeouts'> {
  /** Start-up and request lines; stdout by default, written in batches after the answers (./line-log.ts). */
  log?: (line: string) => void
  /** The built SPA; dist/ at the repository root by default. */
  distDir?: string
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

/**
 * Starts the studio on HOST:PORT (PORT 0 picks a free port). Given process.env itself, as
 * `npm start` does, it also reads `.env` and exits cleanly on SIGINT/SIGTERM; given any other
 * object (tests, scripts) it reads only that object and leaves the process alone (and keeps its
 * job journal in memory unless STUDIO_DATA_DIR is given).
 */
export async function startStudio(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningStudio> {
  const standalone = env === process.env
  if (standalone) loadDotEnv()
  const config = parseServerConfig(env)
  const lines = options.log ? undefined : deferredLineLog()
  const log = options.log ?? lines!.log
  if (lines) process.once('exit', lines.flush)
  // Given its own settings (a test, a script), the studio leaves the disk alone unless told a data folder.
  const settings = standalone || env.STUDIO_DATA_DIR ? env : { ...env, STUDIO_DATA_DIR: ':memory:' }
  const studio = await createStudioApp(config, settings, log, options)
  serveSpa(studio.app, options.distDir)

  const server = createServer(studioListener(studio.app, studio.fastPath, config.host))
  const connections = serveApiConnections(server, studio.fastPath)
  server.listen(config.port, config.host)
  try {
    await once(server, 'listening')
  } catch (error) {
    await studio.close()
    throw new Error(`The studio cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  const url = urlOf(server.address() as AddressInfo)
  await studio.start(url)
  log(`Qwen Image Studio on ${url} — ${studio.modeLine}`)
  lines?.flush()

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
      let left = 2
      const done = () => --left === 0 && resolve()
      server.close(done)
      server.closeAllConnections()
      connections.closeAll()
      void studio.close().finally(done)
    }))
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the studio`)
    void close().then(() => {
      lines?.flush()
      process.exit(0)
    })
  }
  if (standalone) process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
  return { url, close }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startStudio().catch((error: unknown) => {
    console.error(error instanceof ServerConfigError ? error.message : error)
    process.exitCode = 1
  })
}
