/** GET /api/image?url=: streams a result image from an allowed link, so the browser can keep the bytes. */
import type { Context, Handler } from 'hono'
import { LIMITS } from '../shared/limits.ts'
import { errorResponse, refusal } from './error-response.ts'
import { judgeResultUrl } from './result-url-policy.ts'
import { USER_AGENT, upstreamFailure, withDeadline, type SendUpstream } from './upstream.ts'

/** Larger results are not relayed (the vendor's PNGs are a few MB). */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024

export interface ImageFetching {
  /** Origin of the browser's request (the embedded simulator's links carry it). */
  requestOrigin: (c: Context) => string
  /** DASHSCOPE_BASE_URL when it overrides the region's. */
  baseUrl?: string
  /** Fetches from the network (result hosts, an overridden base's links). */
  sendNetwork: SendUpstream
  /** Fetches the embedded simulator's links in-process; only given when it is mounted. */
  sendSimulator?: SendUpstream
  /** Until the response headers arrive; the body then streams for as long as it takes. */
  timeoutMs: number
  /** For a relay that failed after its headers were sent (the request log shows 200). */
  log?: (line: string) => void
}

const LINK_HOURS = LIMITS.resultTtlSeconds / 3600
const MB = 1024 * 1024

function mediaType(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Why the upstream's answer is not relayed, as the JSON error to send instead; null when it is fine. */
function imageProblem(upstream: Response, where: string): Response | null {
  const { status } = upstream
  if (status >= 300 && status < 400)
    return errorResponse(
      'UpstreamBadResponse',
      `Unexpected answer from ${where}: a redirect (HTTP ${status}), ` + 'which the studio does not follow for result links.',
    )
  if (status === 403 || status === 410)
    return errorResponse(
      'LinkExpired',
      `The result link has expired (links last ${LINK_HOURS} hours). ` +
        'Images already in the gallery are kept; generate again for a new link.',
    )
  if (status === 404) return errorResponse('ImageNotFound', `There is no image at this link on ${where}.`)
  if (!upstream.ok) return errorResponse('UpstreamBadResponse', `Unexpected answer from ${where}: HTTP ${status}.`)
  const type = mediaType(upstream.headers)
  if (!type.startsWith('image/') || type === 'image/svg+xml')
    return errorResponse(
      'UpstreamBadResponse',
      `Unexpected answer from ${where}: ${type || 'no content type'}, ` + 'not a raster image, so the studio does not relay it.',
    )
  const length = Number(upstream.headers.get('content-length') ?? 0)
  if (length > MAX_IMAGE_BYTES)
    return errorResponse(
      'UpstreamBadResponse',
      `The image is ${(length / MB).toFixed(1)} MB; the studio relays at most ${MAX_IMAGE_BYTES / MB} MB.`,
    )
  return null
}

/**
 * Passes bytes through, and fails the stream (so the browser's fetch rejects rather than keeping
 * a short image) once more than `max` went by, or when it ends short of the declared length.
 */
function guardBytes(max: number, declared: number | undefined, onFail: (reason: string) => void): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0
  const fail = (controller: TransformStreamDefaultController<Uint8Array>, reason: string) => {
    onFail(reason)
    controller.error(new Error(reason))
  }
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (seen > max) fail(controller, `image larger than ${max} bytes`)
      else if (declared !== undefined && seen > declared) fail(controller, `image longer than its Content-Length (${declared} bytes)`)
      else controller.enqueue(chunk)
    },
    flush(controller) {
      if (declared !== undefined && seen < declared) fail(controller, `image cut short: ${seen} of ${declared} bytes arrived`)
    },
  })
}

function streamImage(upstream: Response, onFail: (reason: string) => void): Response {
  const headers = new Headers({
    'content-type': upstream.headers.get('content-type')!,
    // A link's bytes never change; the browser may keep them as long as a link lives.
    'cache-control': `private, max-age=${LIMITS.resultTtlSeconds}, immutable`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  })
  const length = upstream.headers.get('content-length')
  const declared = length !== null && /^\d+$/.test(length.trim()) && !upstream.headers.has('content-encoding') ? Number(length) : undefined
  if (declared !== undefined) headers.set('content-length', String(declared))
  const body = upstream.body?.pipeThrough(guardBytes(MAX_IMAGE_BYTES, declared, onFail)) ?? null
  return new Response(body, { status: 200, headers })
}

export function imageHandler(f: ImageFetching): Handler {
  return async (c) => {
    const verdict = judgeResultUrl(c.req.query('url'), {
      requestOrigin: f.requestOrigin(c),
      simulator: f.sendSimulator !== undefined,
      baseUrl: f.baseUrl,
    })
    if (!verdict.ok) return refusal(verdict.code, verdict.message)
    const fromSimulator = verdict.via === 'simulator'
    // judgeResultUrl answers 'simulator' only when one is given.
    const send = fromSimulator ? f.sendSimulator! : f.sendNetwork
    const where = fromSimulator ? 'the embedded simulator' : verdict.url.host
    let upstream: Response
    try {
      upstream = await withDeadline(f.timeoutMs, (signal) =>
        send(
          new Request(verdict.url, {
            headers: { accept: 'image/*', 'accept-encoding': 'identity', 'user-agent': USER_AGENT },
            redirect: 'manual',
            signal,
          }),
        ),
      )
    } catch (error) {
      return upstreamFailure(error, where)
    }
    const problem = imageProblem(upstream, where)
    if (!problem) return streamImage(upstream, (reason) => f.log?.(`GET /api/image: relay from ${where} failed: ${reason}`))
    await upstream.body?.cancel().catch(() => {})
    return problem
  }
}
