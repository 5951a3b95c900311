/**
 * GET /results/<id>.png?Expires=…&Signature=…: the generated PNGs, answering like OSS does
 * (XML error bodies): bad or missing signature 403, expired link 403, unknown image 404.
 */
import { Hono, type Context } from 'hono'
import { FAULT_HEADER, truncatedBody } from './faults.ts'
import { ResultStore } from './result-store.ts'
import type { Core } from './simulator-core.ts'
import { escapeXml } from './svg-text.ts'

function ossError(c: Context, status: 403 | 404, code: string, message: string): Response {
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escapeXml(message)}</Message>\n` +
    `  <RequestId>${crypto.randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase()}</RequestId>\n</Error>\n`
  return c.body(xml, status, { 'Content-Type': 'application/xml' })
}

/** Served by @hono/node-server (standalone), rather than called in-process. */
const servedOverHttp = (c: Context) => typeof (c.env as { outgoing?: unknown } | undefined)?.outgoing === 'object'

export function resultRoutes(core: Core): Hono {
  const results = new Hono()
  results.get('/:file', (c) => {
    const ref = ResultStore.parseLink(c.req.param('file'), new URL(c.req.url).searchParams)
    if (!ref) return ossError(c, 404, 'NoSuchKey', 'The specified key does not exist.')
    const stored = core.results.get(ref.id)
    if (!('signature' in ref)) {
      return stored
        ? ossError(c, 403, 'AccessDenied', 'You have no right to access this object because of bucket acl.')
        : ossError(c, 404, 'NoSuchKey', 'The specified key does not exist.')
    }
    if (!core.results.verify(ref)) {
      return stored
        ? ossError(c, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
        : ossError(c, 404, 'NoSuchKey', 'The specified key does not exist.')
    }
    const nowSeconds = core.now() / 1000
    if (ref.expires < nowSeconds) return ossError(c, 403, 'AccessDenied', 'Request has expired.')
    if (!stored) return ossError(c, 404, 'NoSuchKey', 'The specified key does not exist.')
    const faults = core.faults.take('result', c.req.header(FAULT_HEADER))
    if (faults.includes('expired-link')) return ossError(c, 403, 'AccessDenied', 'Request has expired.')
    const headers = {
      'Content-Type': 'image/png',
      'Content-Length': String(stored.bytes.byteLength),
      'Cache-Control': `private, max-age=${Math.max(0, Math.floor(ref.expires - nowSeconds))}`,
    }
    if (faults.includes('truncated-image')) return new Response(truncatedBody(stored.bytes, servedOverHttp(c)), { headers })
    return c.body(stored.bytes, 200, headers)
  })
  return results
}
