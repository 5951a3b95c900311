/**
 * STUDIO_ACCESS_TOKEN: a studio shared on a network answers only requests that carry the token,
 * so the people who may use the gateway's key are the ones who were given the link. The token
 * arrives once in the link (/?token=…), which sets an HttpOnly cookie and redirects to the same
 * page without it; scripts send it as `X-Studio-Token: …` or `Authorization: Bearer …`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { setCookie } from 'hono/cookie'
import { parse } from 'hono/utils/cookie'
import { STUDIO_ROUTES } from '../shared/api-paths.ts'
import { refusal } from './error-response.ts'

export const ACCESS_COOKIE = 'studio_access'
export const ACCESS_HEADER = 'X-Studio-Token'
export const ACCESS_QUERY = 'token'

/** Compares in time that depends on the length only, not on where the strings differ. */
function sameToken(given: string, token: string): boolean {
  if (given.length !== token.length) return false
  let diff = 0
  for (let i = 0; i < token.length; i++) diff |= given.charCodeAt(i) ^ token.charCodeAt(i)
  return diff === 0
}

function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1]
}

const LOCKED_PAGE = `<!doctype html><meta charset="utf-8"><title>Qwen Image Studio</title>
<p>This studio is shared with an access token. Open the link you were given (it ends in <code>?token=…</code>).</p>`

function unauthorized(c: Context): Response {
  const path = c.req.path
  if (path.startsWith('/api/') || path.startsWith(`${STUDIO_ROUTES.simulator}/`))
    return refusal(
      'Unauthorized',
      `This studio needs its access token: open the studio's link (…/?token=…) once, or send the ${ACCESS_HEADER} header.`,
    )
  return c.html(LOCKED_PAGE, 401)
}

/**
 * Does a request carry the token: in the cookie the link set, in X-Studio-Token or as a bearer
 * token? `header` gives a request header by its lower-case name.
 */
export function carriesAccessToken(header: (name: string) => string | undefined, token: string): boolean {
  const cookies = header('cookie')
  const given = [
    cookies && parse(cookies, ACCESS_COOKIE)[ACCESS_COOKIE],
    header(ACCESS_HEADER.toLowerCase()),
    bearer(header('authorization')),
  ]
  return given.some((candidate) => candidate !== undefined && sameToken(candidate, token))
}

export function requireAccessToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    // Health checks (load balancers, the e2e runner) say only that the server is up.
    if (c.req.path === STUDIO_ROUTES.health) return next()
    const url = new URL(c.req.url)
    const fromLink = url.searchParams.get(ACCESS_QUERY)
    if (fromLink !== null && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      if (!sameToken(fromLink, token)) return unauthorized(c)
      setCookie(c, ACCESS_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: url.protocol === 'https:',
      })
      // The token leaves the address bar (and the history) at once.
      url.searchParams.delete(ACCESS_QUERY)
      c.header('Cache-Control', 'no-store')
      return c.redirect(`${url.pathname}${url.search}`, 303)
    }
    if (carriesAccessToken((name) => c.req.header(name), token)) return next()
    return unauthorized(c)
  }
}
