/** The built SPA from dist/: hashed assets cached for a year, index.html for every other page path. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono, MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
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

/**
 * The SPA's pages and files: scripts only from this origin (no inline script), images also from
 * blob:/data: (the gallery shows stored blobs), fetches only to this origin, never in a frame.
 * Vite's build has no inline script or style (checked by the tests against dist/index.html).
 */
export const SPA_SECURITY_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'blob:', 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  // Served over plain http on loopback by default; HSTS belongs to the TLS proxy in front, if any.
  strictTransportSecurity: false,
})

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
  app.use('*', SPA_SECURITY_HEADERS)
  app.use('*', async (c, next) => {
    if (existsSync(join(root, 'index.html'))) return next()
    return c.req.method === 'GET' ? c.html(NOT_BUILT, 503) : c.notFound()
  })
  // Vite names everything under assets/ by content hash.
  app.use(
    '/assets/*',
    lazy(() => filesFrom(root, IMMUTABLE)),
  )
  app.get('/assets/*', (c) => c.text('Not found', 404))
  app.use(
    '*',
    lazy(() => filesFrom(root, REVALIDATE)),
  )
  app.use(
    '*',
    lazy(() => filesFrom(root, REVALIDATE, 'index.html')),
  )
}
