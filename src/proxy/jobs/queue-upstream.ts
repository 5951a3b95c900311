/**
 * How the queue reaches the vendor: through the gateway's own routes, called in-process (no
 * socket), so a job is sent exactly as a browser's request would be: checked with the contract,
 * the key added, the 4:3 fallback, the deadlines, the result-link allowlist. Every answer is
 * parsed with the contract's schemas; every failure is a StudioError.
 */
import { StudioError } from '../../shared/studio-error.ts'
import * as z from 'zod/mini'
import { API_PATHS, ASYNC_HEADER, STUDIO_ROUTES } from '../../shared/api-paths.ts'
import {
  CancelResponse,
  ErrorBody,
  MultimodalResponse,
  TaskCreatedResponse,
  TaskQueryResponse,
  type ImageSynthesisRequest,
  type MultimodalRequest,
} from '../../shared/schemas.ts'

/** The gateway's /api/v1 and /api/image routes, without the browser-facing middleware. */
export type InternalFetch = (request: Request) => Promise<Response>

export function toQueueFailure(error: unknown): StudioError {
  if (error instanceof StudioError) return error
  return new StudioError({ code: 'InternalError', message: error instanceof Error ? error.message : String(error), status: 500 })
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json; charset=utf-8' }

/**
 * A sync call that was on the wire when the studio stopped (no vendor task to ask about it): the
 * vendor may have made, and billed, the images, but their links went with the answer.
 */
export const INTERRUPTED_SYNC = {
  code: 'Interrupted',
  message:
    'The studio server stopped while this request was being answered, so its result is unknown: ' +
    'the vendor may have made (and billed) the images, but their links were lost. Retry to send it again.',
} as const

/**
 * A generation the upstream did not answer within the gateway's deadline: it may have been made
 * (and billed) all the same, so it is not sent again on its own.
 */
export const NO_ANSWER = {
  code: 'NoAnswer',
  message:
    'DashScope did not answer this request in time, so its result is unknown: it may have made (and billed) the images. ' +
    'Retry to send it again.',
} as const

export const unanswered = (e: StudioError) => e.code === 'UpstreamTimeout'

export interface FetchedImage {
  mime: string
  bytes: Uint8Array
}

export class QueueUpstream {
  /** `origin`: the studio's own (the embedded simulator's result links carry it). */
  constructor(
    private readonly send: InternalFetch,
    public origin = 'http://127.0.0.1',
  ) {}

  async #call<S extends z.ZodMiniType>(schema: S, path: string, init: RequestInit = {}): Promise<z.infer<S>> {
    const res = await this.send(new Request(`${this.origin}${path}`, init))
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    if (!res.ok) {
      const e = z.partial(ErrorBody).safeParse(body)
      const err = e.success ? e.data : {}
      throw new StudioError({
        code: err.code || `HTTP${res.status}`,
        message: err.message || `The upstream answered ${res.status}.`,
        status: res.status,
        requestId: err.request_id,
      })
    }
    const parsed = schema.safeParse(body)
    if (!parsed.success)
      throw new StudioError({
        code: 'UnexpectedResponse',
        message: `Unexpected answer to ${path}: ${parsed.error.issues[0]?.message ?? 'invalid body'}`,
        status: res.status,
        retryable: false,
      })
    return parsed.data
  }

  createTask(request: ImageSynthesisRequest) {
    return this.#call(TaskCreatedResponse, `${STUDIO_ROUTES.apiV1}${API_PATHS.imageSynthesis}`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, [ASYNC_HEADER]: 'enable' },
      body: JSON.stringify(request),
    })
  }

  getTask(taskId: string) {
    return this.#call(TaskQueryResponse, `${STUDIO_ROUTES.apiV1}${API_PATHS.task(taskId)}`, { headers: JSON_HEADERS })
  }

  cancelTask(taskId: string) {
    return this.#call(CancelResponse, `${STUDIO_ROUTES.apiV1}${API_PATHS.cancel(taskId)}`, { method: 'POST', headers: JSON_HEADERS })
  }

  generate(request: MultimodalRequest) {
    return this.#call(MultimodalResponse, `${STUDIO_ROUTES.apiV1}${API_PATHS.multimodal}`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(request),
    })
  }

  /** A result's bytes, read whole (the image route checks the link, type and size). */
  async image(url: string): Promise<FetchedImage> {
    const res = await this.send(new Request(`${this.origin}${STUDIO_ROUTES.image}?url=${encodeURIComponent(url)}`))
    if (!res.ok) {
      const e = z.partial(ErrorBody).safeParse(await res.json().catch(() => undefined))
      const err = e.success ? e.data : {}
      throw new StudioError({
        code: err.code || `HTTP${res.status}`,
        message: err.message || 'The image could not be fetched.',
        status: res.status,
      })
    }
    try {
      const bytes = new Uint8Array(await res.arrayBuffer())
      return { mime: (res.headers.get('content-type') ?? 'image/png').split(';')[0]!.trim(), bytes }
    } catch (error) {
      throw new StudioError({
        code: 'ImageCutShort',
        message: `The image did not arrive whole: ${(error as Error).message}`,
        status: 502,
        retryable: true,
      })
    }
  }
}
