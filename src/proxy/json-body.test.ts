// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ErrorBody } from '../shared/schemas.ts'
import { validateImageSynthesis, validateMultimodal, type InspectDataUrl } from '../shared/validate.ts'
import { LARGE_STRING_BYTES, refuseInvalid, type Validator } from './json-body.ts'
import { pngHeader } from '../testing/test-upstream.ts'

/** A data: URL of a PNG that image-size reads as width x height, padded to `bytes`. */
function largePng(width: number, height: number, bytes = 3 * LARGE_STRING_BYTES): string {
  const png = new Uint8Array(bytes)
  for (let i = 0; i < png.length; i++) png[i] = (i * 7919) & 255
  png.set(pngHeader(width, height))
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`
}

const edit = (images: string[], text = 'blend them') =>
  JSON.stringify({
    model: 'qwen-image-edit-plus',
    input: { messages: [{ role: 'user', content: [...images.map((image) => ({ image })), { text }] }] },
  })

/** The verdict as the whole body parsed and validated gives it: null, or the refusal's message. */
function wholeVerdict(text: string, validate: (body: unknown) => ReturnType<Validator>): string | null {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return 'The request body is not valid JSON.'
  }
  const result = validate(body)
  return result.ok ? null : result.issue.message
}

async function verdictOf(bytes: Buffer, validate: Validator): Promise<string | null> {
  const refused = refuseInvalid(bytes, validate)
  if (!refused) return null
  expect(refused.status).toBeGreaterThanOrEqual(400)
  return ErrorBody.parse(await refused.json()).message
}

/** validateMultimodal, noting the size of the body it was given and the images it inspected. */
function watched() {
  const seen = { bodyChars: [] as number[], inspected: 0 }
  const validate: Validator = (body, inspect) => {
    seen.bodyChars.push(JSON.stringify(body).length)
    const counting: InspectDataUrl = (url) => {
      seen.inspected++
      return inspect(url)
    }
    return validateMultimodal(body, counting)
  }
  return { validate, seen }
}

describe('refuseInvalid: large data: URLs are read from the bytes', () => {
  it('accepts a body of three large images without parsing them into the body', async () => {
    const text = edit([largePng(512, 512), largePng(640, 480), largePng(1024, 768, 3 * LARGE_STRING_BYTES)])
    const { validate, seen } = watched()
    expect(await verdictOf(Buffer.from(text), validate)).toBeNull()
    expect(seen.bodyChars).toHaveLength(1)
    expect(seen.bodyChars[0]).toBeLessThan(1000)
    expect(seen.inspected).toBe(3)
  })

  it('leaves small images in the body as they are', async () => {
    const small = largePng(512, 512, 1000)
    const text = edit([small, largePng(512, 512), largePng(512, 512)])
    const { validate, seen } = watched()
    expect(await verdictOf(Buffer.from(text), validate)).toBeNull()
    expect(seen.bodyChars[0]).toBeGreaterThan(small.length)
    expect(seen.bodyChars[0]).toBeLessThan(small.length + 1000)
  })

  const bodies: [string, string][] = [
    ['a large image that is too small in pixels', edit([largePng(512, 512), largePng(100, 100)])],
    ['a large image declared as JPEG', edit([largePng(512, 512).replace('image/png', 'image/jpeg')])],
    [
      'a large data: URL as the prompt of a text-to-image model',
      JSON.stringify({
        model: 'qwen-image-plus',
        input: { messages: [{ role: 'user', content: [{ text: largePng(512, 512) }] }] },
      }),
    ],
    ['a large data: URL as the text of an edit', edit([largePng(512, 512)], largePng(512, 512, 10 * LARGE_STRING_BYTES))],
    ['a large data: URL as a key', `{"${largePng(512, 512).slice(0, -4)}":1,${edit([largePng(512, 512)]).slice(1)}`],
    ['an escaped quote before data: inside the prompt', edit([largePng(512, 512)], `say "${largePng(512, 512)}`)],
    ['an escaped slash in the header', edit([largePng(512, 512)]).replace('data:image/png', 'data:image\\/png')],
    [
      'a later duplicate input',
      `${edit([largePng(512, 512)]).slice(0, -1)},"input":{"messages":[{"role":"user","content":[{"text":"x"}]}]}}`,
    ],
    ['four large images', edit([1, 2, 3, 4].map(() => largePng(512, 512)))],
    ['trailing garbage after a large image', `${edit([largePng(512, 512)])}x`],
    ['a large image cut short', edit([largePng(512, 512), largePng(512, 512)]).slice(0, 3 * LARGE_STRING_BYTES)],
    ['a large data: URL as the model', edit([largePng(512, 512)]).replace('"qwen-image-edit-plus"', JSON.stringify(largePng(512, 512)))],
    [
      'a large data: URL as the size',
      JSON.stringify({
        model: 'qwen-image-plus',
        input: { messages: [{ role: 'user', content: [{ text: 'a poster' }] }] },
        parameters: { size: largePng(512, 512) },
      }),
    ],
    ['a large image with a bad base64 character', edit([`${largePng(512, 512).slice(0, -8)}*AAAAAAA`])],
    ['a byte order mark before the JSON', `\ufeff${edit([largePng(512, 512)])}`],
  ]
  it.each(bodies)('judges %s as parsing the whole body would', async (_, text) => {
    const expected = wholeVerdict(text.replace(/^\ufeff/, ''), (body) => validateMultimodal(body))
    expect(await verdictOf(Buffer.from(text), (body, inspect) => validateMultimodal(body, inspect))).toBe(expected)
  })

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(edit([largePng(512, 512)])), Buffer.from([0xff])])
    expect(await verdictOf(bytes, (body, inspect) => validateMultimodal(body, inspect))).toBe('The request body is not valid JSON.')
  })

  it('judges an image-synthesis body the same way, whatever strings it holds', async () => {
    const text = JSON.stringify({
      model: 'qwen-image-plus',
      input: { prompt: largePng(512, 512), negative_prompt: largePng(512, 512) },
      parameters: { size: '1*1' },
    })
    const expected = wholeVerdict(text, (body) => validateImageSynthesis(body))
    expect(expected).not.toBeNull()
    expect(await verdictOf(Buffer.from(text), (body) => validateImageSynthesis(body))).toBe(expected)
  })
})
