/** Mounts the studio gateway (and, with no key, the simulator) in Vite's dev and preview servers. */
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite'
import { STUDIO_ROUTES } from '../shared/api-paths.ts'
import { loadDotEnv, parseServerConfig } from './server-config.ts'
import { createStudioApp } from './studio-app.ts'

const PREFIXES = ['/api/', `${STUDIO_ROUTES.simulator}/`, `${STUDIO_ROUTES.ocr}/`]

/** Hands /api/*, /simulator/* and /ocr/* to the gateway; everything else goes on to Vite. */
export async function gatewayMiddleware(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<{ middleware: Connect.NextHandleFunction; modeLine: string; close(): void }> {
  const studio = await createStudioApp(parseServerConfig(env), env, log)
  const listener = getRequestListener(studio.app.fetch, { overrideGlobalObjects: false })
  return {
    middleware: (req, res, next) => {
      if (PREFIXES.some((p) => req.url?.startsWith(p))) void listener(req, res)
      else next()
    },
    modeLine: studio.modeLine,
    close: () => studio.close(),
  }
}

async function mount(server: ViteDevServer | PreviewServer): Promise<void> {
  const { logger, root } = server.config
  loadDotEnv(join(root, '.env'))
  const gateway = await gatewayMiddleware(process.env, (line) => logger.info(line, { timestamp: true }))
  logger.info(`Qwen Image Studio gateway — ${gateway.modeLine}`)
  server.middlewares.use(gateway.middleware)
  server.httpServer?.once('close', () => gateway.close())
}

export function studioGateway(): Plugin {
  return {
    name: 'qwen-image-studio-gateway',
    configureServer: mount,
    configurePreviewServer: mount,
  }
}
