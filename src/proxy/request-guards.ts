/**
 * What every request meets before its route, as plain functions: the app's middlewares
 * (./create-gateway.ts) and the /api/v1 fast path (./api-fast-path.ts) both judge with these.
 */

/** Long enough to recognise a path, short enough that a log line stays one line. */
export const LOGGED_PATH_CHARS = 200

export const shortPath = (path: string) =>
  path.length > LOGGED_PATH_CHARS ? `${path.slice(0, LOGGED_PATH_CHARS)}… (${path.length} characters)` : path

/** The request log's line for an answered request. */
export const requestLine = (method: string, path: string, status: number, startedAt: number) =>
  `${method} ${shortPath(path)} ${status} ${Math.round(performance.now() - startedAt)}ms`

/**
 * Another site's page can make the browser POST here without a CORS preflight (a "simple"
 * request), and the gateway's key would pay for it: an unsafe method from another origin is
 * refused. Clients that are not browsers send no Origin and pass.
 */
export function isCrossSiteWrite(method: string, header: (name: string) => string | undefined, ownOrigin: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false
  const origin = header('origin')
  const site = header('sec-fetch-site')
  return (origin !== undefined && origin !== ownOrigin) || site === 'cross-site' || site === 'same-site'
}
