/**
 * The 4:3 size has two spellings (1472*1104 in the 2026 pages, 1472*1140 in the 2025 reference;
 * shared/sizes.ts). An InvalidParameter costs nothing, so when the upstream refuses the one we
 * sent for its size, the gateway sends the other once, and remembers which worked for next time.
 */
import { currentFixedSize, otherFourThree } from '../shared/sizes.ts'
import { parsedBody } from './json-body.ts'

/** Text-to-image bodies are small; an edit body (images) never carries a fixed 4:3 size. */
const MAX_INSPECTED_BYTES = 256 * 1024

export const SIZE_USED_HEADER = 'X-Studio-Size-Used'

export interface SizePlan {
  /** The 2026 spelling: the key under which the working spelling is remembered. */
  canonical: string
  size: string
  body: Buffer
  retrySize: string
  retryBody: Buffer
}

function withSize(json: { parameters: Record<string, unknown> }, size: string): Buffer {
  return Buffer.from(JSON.stringify({ ...json, parameters: { ...json.parameters, size } }))
}

export class FourThreeFallback {
  #working = new Map<string, string>()

  /** For a body asking for a 4:3 or 3:4 size: what to send first and what to retry with; else undefined. */
  plan(body: Buffer): SizePlan | undefined {
    if (body.byteLength > MAX_INSPECTED_BYTES) return undefined
    // Parsed once when it was judged (./json-body.ts); else here.
    let json = parsedBody(body) as { parameters?: { size?: unknown } } | undefined
    if (json === undefined)
      try {
        json = JSON.parse(body.toString('utf8')) as typeof json
      } catch {
        return undefined
      }
    const asked = json?.parameters?.size
    if (typeof asked !== 'string' || !otherFourThree(asked)) return undefined
    const canonical = currentFixedSize(asked)
    const size = this.#working.get(canonical) ?? canonical
    const retrySize = otherFourThree(size)!
    const parsed = json as { parameters: Record<string, unknown> }
    return { canonical, size, body: withSize(parsed, size), retrySize, retryBody: withSize(parsed, retrySize) }
  }

  remember(canonical: string, size: string): void {
    this.#working.set(canonical, size)
  }

  /** The spelling that last worked for a canonical size (tests, logs). */
  working(canonical: string): string | undefined {
    return this.#working.get(canonical)
  }
}

/** Whether an answer is the upstream's refusal of the size (400 InvalidParameter naming `size`). */
export async function refusesSize(answer: Response | { status: number; text: string }): Promise<boolean> {
  if (answer.status !== 400) return false
  try {
    const text = answer instanceof Response ? await answer.clone().text() : answer.text
    const body = JSON.parse(text) as { code?: unknown; message?: unknown }
    return body.code === 'InvalidParameter' && typeof body.message === 'string' && /size/i.test(body.message)
  } catch {
    return false
  }
}
