/** The built SPA from dist/: hashed assets cached for a year, index.html for every other page path. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono, MiddlewareHandler } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url))

const IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html and public/ files keep their names across builds, so the browser revalidates them. */
const REVALIDATE = 'no-cache'

/** serveStatic for `root`, its answers marked with `cacheControl` (misses go on untouched). */
function filesFrom(root: string, cacheControl: string, path?: string): MiddlewareHandler {
  const serve = serveStatic({ root, path })
  return async (c, next) => {
    const res = await serve(c, next)
    // A miss calls next() and returns what it returns, which is not this file's response.
    if (res instanceof Response && res.ok) res.headers.set('Cache-Control', cacheControl)
    return res
  }
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Qwen Image Studio</title>
<p>The studio's web app is not built yet. Run <code>npm run build</code> and reload, or use <code>npm run dev</code>.</p>`

/** Makes the handler on first use, so nothing looks at dist/ before it is built. */
function lazy(make: () => MiddlewareHandler): MiddlewareHandler {
  let handler: MiddlewareHandler | undefined
  return (c, next) => (handler ??= make())(c, next)
}

/**
 * Adds the SPA's routes to `app`, after its API routes (which answer /api/* and /simulator/*
 * themselves, so those never fall back to index.html). A build made after start-up is served.
 */
export function serveSpa(app: Hono, root: string = DEFAULT_DIST_DIR): void {
  app.use('*', async (c, next) => {
    if (existsSync(join(root, 'index.html'))) return next()
    return c.req.method === 'GET' ? c.html(NOT_BUILT, 503) : c.notFound()
  })
  // Vite names everything under assets/ by content hash.
  app.use('/assets/*', lazy(() => filesFrom(root, IMMUTABLE)))
  app.get('/assets/*', (c) => c.text('Not found', 404))
  app.use('*', lazy(() => filesFrom(root, REVALIDATE)))
  app.use('*', lazy(() => filesFrom(root, REVALIDATE, 'index.html')))
}
