/**
 * The quick shape reader (./shape-parse.ts) against zod itself: over thousands of request bodies,
 * valid ones and ones broken in every field, it takes exactly the bodies zod takes and reads them
 * to exactly what zod reads them to.
 */
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { ImageSynthesisRequest, MultimodalRequest } from './schemas.ts'
import { NOT_SHAPED, shapeParser } from './shape-parse.ts'

const synthesis = {
  model: 'qwen-image-plus',
  input: { prompt: 'a lighthouse at dusk', negative_prompt: 'blur' },
  parameters: { size: '1328*1328', n: 1, seed: 42, watermark: false, prompt_extend: true, negative_prompt: 'x', extra: [1] },
}
const multimodal = {
  model: 'qwen-image-edit-plus',
  input: { messages: [{ role: 'user', content: [{ image: 'data:,a' }, { text: 'blend', image: 'both' }, { text: 'again' }] }] },
  parameters: { n: 2 },
}

/** Values a field may be swapped for. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1.5,
  Infinity,
  NaN,
  '',
  'text',
  true,
  false,
  [],
  [1, 'a'],
  {},
  { text: 'x' },
  { image: 'y' },
]

/** Every path to a value inside `value`. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path]
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return [path, ...keys.flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...path, key]))]
}

/** `value` with the thing at `path` replaced (or deleted, for undefined on an object). */
function withAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  const [key, ...rest] = path
  if (rest.length === 0 && replacement === undefined && !Array.isArray(value)) delete copy[key!]
  else copy[key!] = withAt(copy[key!], rest, replacement)
  return copy
}

function compare(schema: z.ZodMiniType, read: (value: unknown) => unknown, body: unknown) {
  const expected = schema.safeParse(body)
  const got = read(body)
  expect(got === NOT_SHAPED, JSON.stringify(body)).toBe(!expected.success)
  if (expected.success) expect(got).toStrictEqual(expected.data)
}

describe('shapeParser', () => {
  it.each([
    ['image synthesis', ImageSynthesisRequest, synthesis],
    ['multimodal', MultimodalRequest, multimodal],
  ] as const)('reads %s bodies exactly as zod does, broken ones included', (_name, schema, valid) => {
    const read = shapeParser(schema as z.ZodMiniType)!
    expect(read).toBeDefined()
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let taken = 0
    for (let round = 0; round < 3000; round++) {
      let body: unknown = valid
      // One to three changes, each at any path of what the body has become.
      for (let change = Math.floor(random() * 3); change >= 0; change--) {
        const paths = pathsOf(body)
        const path = paths[Math.floor(random() * paths.length)]!
        body = withAt(body, path, ODD_VALUES[Math.floor(random() * ODD_VALUES.length)])
      }
      compare(schema, read, body)
      if (read(body) !== NOT_SHAPED) taken++
    }
    compare(schema, read, valid)
    // Both kinds were seen: a test of only refusals would prove little.
    expect(taken).toBeGreaterThan(100)
    expect(taken).toBeLessThan(2900)
  })

  it('gives no reader for a schema it does not cover, so zod judges it', () => {
    expect(shapeParser(z.object({ a: z.string().check(z.minLength(2)) }))).toBeUndefined()
    expect(shapeParser(z.strictObject({ a: z.string() }))).toBeUndefined()
    expect(shapeParser(z.object({ when: z.date() }))).toBeUndefined()
    expect(shapeParser(z.object({ a: z.optional(z.literal('x')) }))).toBeUndefined()
  })
})
