/**
 * /api/jobs: a browser hands a job to the studio's queue, follows its jobs by Server-Sent Events
 * (resumed from Last-Event-ID), cancels, retries, collects the result bytes and acknowledges them.
 * Mounted by the gateway behind its Host allowlist, access token and same-origin checks; bodies
 * are read within the gateway's limits and every job's request is checked with the contract
 * before it is journaled, so nothing invalid is ever queued or paid for.
 */
import { StudioError } from '../../shared/studio-error.ts'
import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import * as z from 'zod/mini'
import { inspectDataUrl } from '../../shared/image-input.ts'
import { MAX_BODY_BYTES } from '../../shared/limits.ts'
import { isMultimodalRequest } from '../../shared/schemas.ts'
import { JOB_EVENT, JobSubmission, QUEUE_EVENT } from '../../shared/studio-jobs.ts'
import { validateImageSynthesis, validateMultimodal } from '../../shared/validate.ts'
import { errorResponse, refusal } from '../error-response.ts'
import { bodyTooLarge, readBody, structureTooLarge, TOO_COMPLEX, TOO_LARGE } from '../request-body.ts'
import type { JobQueue } from './embedded-queue.ts'

const Submitter = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))

/** Comments on an idle stream, so proxies and the browser keep it open. */
const KEEP_ALIVE_MS = 15_000

const isJsonType = (type: string | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'

function submitterOf(c: Context): string | Response {
  const parsed = Submitter.safeParse(c.req.query('submitter'))
  return parsed.success ? parsed.data : refusal('InvalidParameter', 'Say whose jobs these are: ?submitter=<the browser’s submitter id>.')
}

function failureResponse(error: unknown): Response {
  if (error instanceof StudioError && error.status < 500) {
    const code = (['NotFound', 'UnsupportedOperation', 'InvalidParameter'] as const).find((c) => c === error.code)
    if (code) return refusal(code, error.message)
    return Response.json({ request_id: error.requestId ?? '', code: error.code, message: error.message }, { status: error.status })
  }
  return errorResponse('InternalError', error instanceof Error ? error.message : 'The queue failed.')
}

export function jobRoutes(queue: JobQueue): Hono {
  const jobs = new Hono()

  jobs.post('/', async (c) => {
    if (!isJsonType(c.req.header('content-type')))
      return refusal('UnsupportedMediaType', 'A job is sent as JSON (Content-Type: application/json).')
    const body = await readBody(c, MAX_BODY_BYTES, { json: true })
    if (body === TOO_LARGE) return bodyTooLarge()
    if (body === TOO_COMPLEX) return structureTooLarge()
    let json: unknown
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      return refusal('InvalidParameter', 'The job is not valid JSON.')
    }
    const parsed = JobSubmission.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return refusal('InvalidParameter', `${issue.path.join('.') || 'body'}: ${issue.message}`)
    }
    const sub = parsed.data
    const multimodal = isMultimodalRequest(sub.request)
    if (sub.kind === 'edit' && !multimodal) return refusal('InvalidParameter', 'An edit job is a multimodal-generation request.')
    const verdict = multimodal ? validateMultimodal(sub.request, inspectDataUrl) : validateImageSynthesis(sub.request)
    if (!verdict.ok) return refusal(verdict.issue.code, verdict.issue.message)
    try {
      return c.json(await queue.submit(sub), 202)
    } catch (error) {
      return failureResponse(error)
    }
  })

  jobs.get('/events', (c) => {
    const submitter = submitterOf(c)
    if (submitter instanceof Response) return submitter
    const raw = c.req.header('last-event-id') ?? c.req.query('after')
    const after = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, async (stream) => {
      let open = true
      // Reconnect soon after the server comes back (a restart mid-batch).
      await stream.write('retry: 1000\n\n')
      const unsubscribe = await queue.subscribe(submitter, after, {
        job: (e) => void stream.writeSSE({ event: JOB_EVENT, id: String(e.seq), data: JSON.stringify(e.job) }),
        queue: (v) => void stream.writeSSE({ event: QUEUE_EVENT, data: JSON.stringify(v) }),
      })
      stream.onAbort(() => {
        open = false
        unsubscribe()
      })
      while (open) {
        await stream.sleep(KEEP_ALIVE_MS)
        if (open) await stream.write(': keep-alive\n\n')
      }
    })
  })

  const action = (name: 'cancel' | 'retry' | 'acknowledge') => async (c: Context) => {
    const submitter = submitterOf(c)
    if (submitter instanceof Response) return submitter
    try {
      return c.json(await queue[name](c.req.param('id')!, submitter))
    } catch (error) {
      return failureResponse(error)
    }
  }
  jobs.post('/:id/cancel', action('cancel'))
  jobs.post('/:id/retry', action('retry'))
  jobs.post('/:id/ack', action('acknowledge'))

  jobs.get('/:id/images/:index', async (c) => {
    const submitter = submitterOf(c)
    if (submitter instanceof Response) return submitter
    const index = Number(c.req.param('index'))
    if (!Number.isInteger(index) || index < 0) return refusal('InvalidParameter', 'The image index is a whole number from 0.')
    try {
      const image = await queue.image(c.req.param('id'), submitter, index)
      if (!image) return refusal('NotFound', 'This result is not held by the studio (not fetched yet, or acknowledged and dropped).')
      return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          'content-type': image.mime,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
        },
      })
    } catch (error) {
      return failureResponse(error)
    }
  })

  return jobs
}
