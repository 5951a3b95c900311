/** Test helpers for the gateway's unit tests: a capturing fetch, a Simulator-shaped fake, raw requests. */
import { request as httpRequest } from 'node:http'
import type { EmbeddedSimulator } from '../proxy/create-gateway.ts'

export interface CapturedRequest {
  url: string
  method: string
  headers: Headers
  redirect: RequestRedirect
  body: Uint8Array
}

export type Responder = (request: Request) => Response | Promise<Response>

const ok: Responder = () => Response.json({ request_id: 'upstream-1', output: {} })

/** A fetch that records every request and answers with `respond`. */
export function captureFetch(respond: Responder = ok) {
  const calls: CapturedRequest[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && !init ? input : new Request(input, init)
    calls.push({
      url: request.url,
      method: request.method,
      headers: new Headers(request.headers),
      redirect: request.redirect,
      body: new Uint8Array(await request.clone().arrayBuffer()),
    })
    return respond(request)
  }
  return { fetch, calls }
}

/** Something with the embedded simulator's `fetch` and keys, recording what it is asked. */
export function fakeSimulator(respond: Responder = ok, apiKeys = ['sim-local-key']): EmbeddedSimulator & { calls: CapturedRequest[] } {
  const { fetch, calls } = captureFetch(respond)
  return { fetch: (request) => fetch(request), options: () => ({ apiKeys }), calls }
}

/** The first 33 bytes of a PNG: enough for its size to be read (image-size reads IHDR). */
export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const view = new DataView(bytes.buffer)
  view.setUint32(16, width)
  view.setUint32(20, height)
  bytes.set([8, 6, 0, 0, 0], 24)
  return bytes
}

export function pngDataUrl(width: number, height: number): string {
  return `data:image/png;base64,${Buffer.from(pngHeader(width, height)).toString('base64')}`
}

export const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * A request over a real socket with exactly these headers: node:http, because fetch sets Host
 * itself, and a rebinding page's request differs from a normal one only in its Host.
 */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    request.on('error', reject)
    request.end(init.body)
  })
}
