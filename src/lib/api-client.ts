/**
 * The browser's client for the studio server: every body is parsed with the contract's schemas,
 * every failure becomes a StudioError.
 */
import * as z from 'zod/mini'
import { API_PATHS, ASYNC_HEADER, STUDIO_ROUTES } from '../shared/api-paths.ts'
import {
  CancelResponse,
  ErrorBody,
  ImageSynthesisRequest,
  MultimodalRequest,
  MultimodalResponse,
  StudioConfig,
  TaskCreatedResponse,
  TaskQueryResponse,
} from '../shared/schemas.ts'
import { StudioError } from '../shared/studio-error.ts'
import { toStudioError } from './studio-error.ts'

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json; charset=utf-8' }

async function errorFrom(res: Response): Promise<StudioError> {
  const text = await res.text().catch(() => '')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const parsed = z.partial(ErrorBody).safeParse(body)
  const e = parsed.success ? parsed.data : {}
  return new StudioError({
    code: e.code || `HTTP${res.status}`,
    message: e.message || `The studio server answered ${res.status} ${res.statusText}`.trim(),
    status: res.status,
    requestId: e.request_id,
  })
}

async function call<S extends z.ZodMiniType>(schema: S, path: string, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response
  try {
    res = await fetch(path, init)
  } catch (error) {
    throw toStudioError(error)
  }
  if (!res.ok) throw await errorFrom(res)
  const parsed = schema.safeParse(await res.json())
  if (!parsed.success)
    throw new StudioError({
      code: 'UnexpectedResponse',
      message: `Unexpected response from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid body'}`,
      status: res.status,
      retryable: false,
    })
  return parsed.data
}

const v1 = (path: string) => `${STUDIO_ROUTES.apiV1}${path}`

export const api = {
  config: () => call(StudioConfig, STUDIO_ROUTES.config),

  createTask: (body: ImageSynthesisRequest) =>
    call(TaskCreatedResponse, v1(API_PATHS.imageSynthesis), {
      method: 'POST',
      headers: { ...JSON_HEADERS, [ASYNC_HEADER]: 'enable' },
      body: JSON.stringify(body),
    }),

  getTask: (taskId: string) => call(TaskQueryResponse, v1(API_PATHS.task(taskId)), { headers: JSON_HEADERS }),

  cancelTask: (taskId: string) => call(CancelResponse, v1(API_PATHS.cancel(taskId)), { method: 'POST', headers: JSON_HEADERS }),

  generate: (body: MultimodalRequest) =>
    call(MultimodalResponse, v1(API_PATHS.multimodal), {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }),

  /** A result image's bytes, fetched through the gateway (the vendor's links expire). */
  async image(url: string): Promise<Blob> {
    let res: Response
    try {
      res = await fetch(`${STUDIO_ROUTES.image}?url=${encodeURIComponent(url)}`)
    } catch (error) {
      throw toStudioError(error)
    }
    if (!res.ok) throw await errorFrom(res)
    return res.blob()
  },
}
