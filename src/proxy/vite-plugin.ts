/** Mounts the studio gateway (and, with no key, the simulator) in Vite's dev and preview servers. */
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite'
import { isAllowedHost } from '../shared/allowed-hosts.ts'
import { STUDIO_ROUTES } from '../shared/api-paths.ts'
import { loadDotEnv, parseServerConfig } from './server-config.ts'
import { createStudioApp } from './studio-app.ts'

const PREFIXES = ['/api/', `${STUDIO_ROUTES.simulator}/`, `${STUDIO_ROUTES.ocr}/`]

/**
 * Hands /api/*, /simulator/* and /ocr/* to the gateway; everything else goes on to Vite. A request with a
 * Host the studio does not answer to goes to the gateway whatever its path, which refuses it
 * (JSON 403) before anything runs, so Vite's pages are held to the same list.
 */
export async function gatewayMiddleware(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<{ middleware: Connect.NextHandleFunction; modeLine: string; start(url: string): Promise<void>; close(): Promise<void> }> {
  const config = parseServerConfig(env)
  const allowed = [config.host, ...config.allowedHosts]
  const studio = await createStudioApp(config, env, log)
  const listener = getRequestListener(studio.app.fetch, { overrideGlobalObjects: false })
  return {
    middleware: (req, res, next) => {
      if (!isAllowedHost(req.headers.host, allowed) || PREFIXES.some((p) => req.url?.startsWith(p))) void listener(req, res)
      else next()
    },
    modeLine: studio.modeLine,
    start: (url) => studio.start(url),
    close: () => studio.close(),
  }
}

async function mount(server: ViteDevServer | PreviewServer): Promise<void> {
  const { logger, root } = server.config
  loadDotEnv(join(root, '.env'))
  const gateway = await gatewayMiddleware(process.env, (line) => logger.info(line, { timestamp: true }))
  logger.info(`Qwen Image Studio gateway — ${gateway.modeLine}`)
  server.middlewares.use(gateway.middleware)
  // The job queue starts once the server listens (its own origin is in the simulator's result links).
  server.httpServer?.once('listening', () => {
    const address = server.httpServer?.address()
    if (address && typeof address === 'object') void gateway.start(`http://127.0.0.1:${address.port}`)
  })
  server.httpServer?.once('close', () => void gateway.close())
}

export function studioGateway(): Plugin {
  return {
    name: 'qwen-image-studio-gateway',
    // Vite checks Host itself before any plugin's middleware: it must let the same names through.
    config: (user) => {
      loadDotEnv(join(user.root ?? process.cwd(), '.env'))
      const allowedHosts = parseServerConfig(process.env).allowedHosts
      return { server: { allowedHosts }, preview: { allowedHosts } }
    },
    configureServer: mount,
    configurePreviewServer: mount,
  }
}
