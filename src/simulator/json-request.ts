/**
 * A request's JSON body, metered as it arrives (../shared/json-structure.ts): a body of many tiny
 * values is refused before JSON.parse could hold the event loop for seconds. Answers as the
 * vendor does for a bad body: 400 InvalidParameter.
 */
import type { Context } from 'hono'
import { JsonStructureMeter } from '../shared/json-structure.ts'
import { MAX_BODY_BYTES, MAX_JSON_STRUCTURE_BYTES } from '../shared/limits.ts'
import { jsonError } from './error-response.ts'

const tooLarge = () => jsonError('InvalidParameter', `The request body is larger than ${Math.round(MAX_BODY_BYTES / 1024 / 1024)} MB.`)

/**
 * Reads what the client still sends, keeping none of it, while the refusal goes out: cancelling
 * would reset the connection, and the client would see that instead of the answer.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      // dropped
    }
  } catch {
    // the client went away
  }
}

/** The parsed body, or the error answer to send instead. */
export async function readJson(c: Context): Promise<{ body: unknown } | Response> {
  const meter = new JsonStructureMeter()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = c.req.raw.body?.getReader()
  for (;;) {
    const read = await reader?.read()
    if (!read || read.done) break
    size += read.value.byteLength
    const refusal =
      size > MAX_BODY_BYTES
        ? tooLarge()
        : meter.add(read.value)
          ? jsonError(
              'InvalidParameter',
              `The request body has more than ${MAX_JSON_STRUCTURE_BYTES / 1024} KB of JSON outside its images.`,
            )
          : undefined
    if (refusal) {
      void discardRest(reader!)
      return refusal
    }
    chunks.push(read.value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  try {
    return { body: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
  } catch (err) {
    return jsonError('InvalidParameter', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
}
