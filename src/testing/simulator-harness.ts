/**
 * Helpers for the simulator's tests: a simulator on a fake clock with small latencies, request
 * helpers that speak the vendor's API, PNG inspection and PNG fixtures. Used by tests only.
 */
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ErrorBody, MultimodalResponse, TaskCreatedResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type SimulatorSetup } from '../simulator/create-simulator.ts'
import type { PngBytes } from '../simulator/result-store.ts'
import { renderSvg } from '../simulator/render-image.ts'

export const KEY = SIMULATOR_DEFAULT_KEY
export const ORIGIN = 'http://127.0.0.1:8787'
/** 2025-09-09 11:38:54.741 in UTC+8, the reference's example submit_time. */
export const T0 = Date.UTC(2025, 8, 9, 3, 38, 54, 741)

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export function fakeClock(start = T0) {
  let t = start
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms
    },
    set: (ms: number) => {
      t = ms
    },
  }
}

export interface Reply {
  status: number
  headers: Headers
  /** Parsed JSON (or the text when not JSON): read it through the schemas below. */
  body: unknown
}

/** The reply's error body (vendor shape). */
export const errorOf = (reply: Reply) => ErrorBody.parse(reply.body)
/** The task id of an accepted image-synthesis submission. */
export const taskIdOf = (reply: Reply) => TaskCreatedResponse.parse(reply.body).output.task_id
export const taskStatusOf = (reply: Reply) => TaskQueryResponse.parse(reply.body).output.task_status
/** usage of a successful multimodal call. */
export const usageOf = (reply: Reply) => MultimodalResponse.parse(reply.body).usage
/** The result links of a successful multimodal call. */
export const imagesOf = (reply: Reply) => MultimodalResponse.parse(reply.body).output.choices[0]!.message.content.map((c) => c.image)

export interface CallInit {
  body?: unknown
  /** null: no Authorization header at all. */
  key?: string | null
  headers?: Record<string, string>
}

/**
 * A simulator on a fake clock at T0: 1 s queue and 2 s run (fake time), no sync latency and no
 * prompt_extend time (the sync endpoint waits real time); its admin routes on.
 */
export function harness(opts: SimulatorSetup = {}) {
  const clock = fakeClock()
  const sim = createSimulator({ syncMs: 0, queueMs: 1000, runMs: 2000, extendMs: 0, now: clock.now, admin: true, ...opts })
  const base = `${ORIGIN}${opts.basePath ?? ''}/api/v1`

  async function call(method: string, path: string, init: CallInit = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers }
    if (init.key !== null) headers.Authorization = `Bearer ${init.key ?? KEY}`
    let body: string | undefined
    if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
    }
    const res = await sim.fetch(new Request(`${base}${path}`, { method, headers, body }))
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed }
  }

  const multimodal = (body: unknown, init: CallInit = {}) => call('POST', API_PATHS.multimodal, { ...init, body })

  return {
    sim,
    clock,
    base,
    call,
    multimodal,
    /** Sync text-to-image. */
    t2i: (text: string, parameters: Record<string, unknown> = {}, model = 'qwen-image-plus', init: CallInit = {}) =>
      multimodal({ model, input: { messages: [{ role: 'user', content: [{ text }] }] }, parameters }, init),
    /** Sync edit: images (URLs) first, then the instruction. */
    edit: (images: string[], text: string, parameters: Record<string, unknown> = {}, model = 'qwen-image-edit-plus') =>
      multimodal({
        model,
        input: { messages: [{ role: 'user', content: [...images.map((image) => ({ image })), { text }] }] },
        parameters,
      }),
    /** Async text-to-image task submission. */
    submit: (prompt: string, parameters: Record<string, unknown> = {}, init: CallInit = {}, model = 'qwen-image-plus') =>
      call('POST', API_PATHS.imageSynthesis, {
        ...init,
        headers: { [ASYNC_HEADER]: 'enable', ...init.headers },
        body: { model, input: { prompt }, parameters },
      }),
    task: (id: string, init: CallInit = {}) => call('GET', API_PATHS.task(id), init),
    cancel: (id: string, init: CallInit = {}) => call('POST', API_PATHS.cancel(id), init),
    /** GET a result link (no auth, like OSS). */
    download: (url: string) => sim.fetch(new Request(url)),
    admin: (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      sim.fetch(
        new Request(`${ORIGIN}${opts.basePath ?? ''}/__admin${path}`, {
          method,
          headers: method === 'GET' ? headers : { 'Content-Type': 'application/json', ...headers },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
  }
}

export type Harness = ReturnType<typeof harness>

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') throw new Error('no IHDR chunk')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** A real PNG of any size: a two-colour gradient with a disc, rendered by the simulator's renderer. */
export function pngFixture(width: number, height: number, hue = 20): Promise<PngBytes> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${hue},80%,55%)"/><stop offset="1" stop-color="hsl(${hue + 180},80%,45%)"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/>` +
    `<circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#fff"/></svg>`
  return renderSvg({ svg, cjk: false })
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer())
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
