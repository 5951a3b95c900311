import { describe, expect, it } from 'vitest'
import { validateImageSynthesis, validateMultimodal, type Validation } from './validate.ts'
import { dataUrl, jpegHeaderBytes, pngBytes } from '../testing/image-bytes.ts'

function gifBytes(width: number, height: number): Uint8Array {
  const out = new Uint8Array(13)
  out.set([...'GIF89a'].map((c) => c.charCodeAt(0)))
  new DataView(out.buffer).setUint16(6, width, true)
  new DataView(out.buffer).setUint16(8, height, true)
  return out
}

const t2i = (parameters: Record<string, unknown> = {}, prompt = 'a cat', model = 'qwen-image-plus') => ({
  model,
  input: { prompt },
  parameters,
})

const edit = (images: string[], parameters: Record<string, unknown> = {}, model = 'qwen-image-edit-plus') => ({
  model,
  input: { messages: [{ role: 'user', content: [...images.map((image) => ({ image })), { text: 'make it blue' }] }] },
  parameters,
})

const png = (w: number, h: number) => dataUrl('image/png', pngBytes(w, h))

function issue(v: Validation) {
  if (v.ok) throw new Error('expected an issue')
  return v.issue
}

describe('validateImageSynthesis', () => {
  it('accepts the reference example and fills defaults', () => {
    const v = validateImageSynthesis(t2i({ size: '1328*1328', n: 1, prompt_extend: true, watermark: false }))
    expect(v.ok).toBe(true)
    if (v.ok) expect(v.request).toMatchObject({ size: '1328*1328', n: 1, promptExtend: true, watermark: false })
    const d = validateImageSynthesis(t2i())
    expect(d.ok).toBe(true)
    // the 2026 default (it was 1328*1328 in 2025)
    if (d.ok) expect(d.request).toMatchObject({ size: '1664*928', n: 1, promptExtend: true, seed: undefined, mode: 't2i' })
  })

  it('n is fixed at 1 for text-to-image', () => {
    expect(issue(validateImageSynthesis(t2i({ n: 2 })))).toMatchObject({
      code: 'InvalidParameter',
      field: 'parameters.n',
    })
    expect(issue(validateImageSynthesis(t2i({ n: 2 }))).message).toContain('num_images_per_prompt must be 1')
  })

  it('seed must be an integer in [0, 2147483647]', () => {
    expect(validateImageSynthesis(t2i({ seed: 0 })).ok).toBe(true)
    expect(validateImageSynthesis(t2i({ seed: 2147483647 })).ok).toBe(true)
    for (const seed of [-1, 2147483648, 1.5]) expect(issue(validateImageSynthesis(t2i({ seed }))).field).toBe('parameters.seed')
    expect(issue(validateImageSynthesis(t2i({ seed: '7' }))).field).toBe('parameters.seed')
  })

  it('size must be one of the five', () => {
    for (const size of ['1664*928', '1472*1104', '1104*1472', '1472*1140', '1140*1472', '928*1664'])
      expect(validateImageSynthesis(t2i({ size })).ok).toBe(true)
    const i = issue(validateImageSynthesis(t2i({ size: '1024*1024' })))
    expect(i.field).toBe('parameters.size')
    expect(i.message).toContain('1664*928')
  })

  it('truncates over-long prompts (800 characters on the async endpoint) and negative prompts (500) instead of rejecting', () => {
    const v = validateImageSynthesis({ model: 'qwen-image', input: { prompt: '猫'.repeat(900), negative_prompt: 'x'.repeat(600) } })
    expect(v.ok).toBe(true)
    if (v.ok) {
      expect(Array.from(v.request.prompt)).toHaveLength(800)
      expect(v.request.negativePrompt).toHaveLength(500)
    }
  })

  it('names the model problems', () => {
    expect(issue(validateImageSynthesis({ input: { prompt: 'x' } }))).toMatchObject({ code: 'BadRequest.EmptyModel' })
    expect(issue(validateImageSynthesis(t2i({}, 'x', 'qwen-image-9')))).toMatchObject({ code: 'ModelNotFound' })
    // sync-only models refuse the async endpoint
    for (const model of ['qwen-image-max', 'qwen-image-plus-2026-01-09', 'qwen-image-2.0', 'qwen-image-3.0-pro'])
      expect(issue(validateImageSynthesis(t2i({}, 'x', model)))).toMatchObject({ code: 'InvalidParameter', field: 'model' })
    expect(issue(validateImageSynthesis(t2i({}, 'x', 'qwen-image-edit-plus')))).toMatchObject({ code: 'InvalidParameter', field: 'model' })
  })

  it('names malformed fields', () => {
    expect(issue(validateImageSynthesis({ model: 'qwen-image' }))).toMatchObject({ code: 'BadRequest.EmptyInput' })
    expect(issue(validateImageSynthesis({ model: 'qwen-image', input: { prompt: 5 } })).field).toBe('input.prompt')
    expect(issue(validateImageSynthesis(t2i({}, '   '))).field).toBe('input.prompt')
    expect(issue(validateImageSynthesis(t2i({ watermark: 'yes' }))).field).toBe('parameters.watermark')
    expect(issue(validateImageSynthesis(null))).toMatchObject({ code: 'BadRequest.EmptyModel' })
  })
})

describe('validateMultimodal', () => {
  it('accepts text-to-image with exactly one text element', () => {
    const body = {
      model: 'qwen-image-plus',
      input: { messages: [{ role: 'user', content: [{ text: 'a cat' }] }] },
      parameters: { size: '1664*928' },
    }
    expect(validateMultimodal(body).ok).toBe(true)
    const two = { ...body, input: { messages: [{ role: 'user', content: [{ text: 'a' }, { text: 'b' }] }] } }
    expect(issue(validateMultimodal(two)).field).toBe('input.messages[0].content')
  })

  it('rejects images for text-to-image models and a second message', () => {
    expect(issue(validateMultimodal(edit([png(512, 512)], {}, 'qwen-image-plus'))).field).toBe('input.messages[0].content')
    const body = edit([png(512, 512)]) as { input: { messages: unknown[] } }
    body.input.messages.push(body.input.messages[0])
    expect(issue(validateMultimodal(body)).field).toBe('input.messages')
  })

  it('takes 1 to 3 images for edit models', () => {
    expect(validateMultimodal(edit([png(512, 512), png(600, 400), png(400, 600)])).ok).toBe(true)
    expect(issue(validateMultimodal(edit([]))).message).toContain('1 to 3 images')
    expect(issue(validateMultimodal(edit([png(512, 512), png(512, 512), png(512, 512), png(512, 512)]))).message).toContain('got 4')
  })

  it('n: 1-6 for edit-plus models, 1 for qwen-image-edit', () => {
    expect(validateMultimodal(edit([png(512, 512)], { n: 6 })).ok).toBe(true)
    expect(validateMultimodal(edit([png(512, 512)], { n: 6 }, 'qwen-image-edit-plus-2025-10-30')).ok).toBe(true)
    expect(issue(validateMultimodal(edit([png(512, 512)], { n: 7 }))).field).toBe('parameters.n')
    expect(issue(validateMultimodal(edit([png(512, 512)], { n: 0 }))).field).toBe('parameters.n')
    expect(issue(validateMultimodal(edit([png(512, 512)], { n: 2 }, 'qwen-image-edit'))).field).toBe('parameters.n')
  })

  it('checks each image: pixels 384-3072, mime vs bytes, decodability, data URL form', () => {
    expect(validateMultimodal(edit([png(384, 3072)])).ok).toBe(true)
    const small = issue(validateMultimodal(edit([png(512, 512), png(383, 500)])))
    expect(small.field).toBe('input.messages[0].content[1].image')
    expect(small.message).toMatch(/^Image 2 is 383x500 px/)
    expect(issue(validateMultimodal(edit([dataUrl('image/jpeg', jpegHeaderBytes(3073, 1000))]))).message).toContain('3073x1000')
    expect(validateMultimodal(edit([dataUrl('image/jpeg', jpegHeaderBytes(1200, 800))])).ok).toBe(true)
    expect(issue(validateMultimodal(edit([dataUrl('image/jpeg', pngBytes(512, 512))]))).message).toContain('declared as image/jpeg')
    expect(issue(validateMultimodal(edit([dataUrl('image/png', new TextEncoder().encode('hello, not an image'))]))).message).toContain(
      'not an image',
    )
    expect(issue(validateMultimodal(edit(['data:image/png,abc']))).message).toContain('base64')
    expect(issue(validateMultimodal(edit(['ftp://x/y.png']))).message).toContain('http(s) URL or a data: URL')
    expect(validateMultimodal(edit(['https://example.com/a.png'])).ok).toBe(true)
  })

  it('refuses images over 10 MB', () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(pngBytes(512, 512))
    expect(issue(validateMultimodal(edit([dataUrl('image/png', big)]))).message).toContain('the limit is 10 MB')
  })

  it('role must be user', () => {
    const body = { model: 'qwen-image', input: { messages: [{ role: 'assistant', content: [{ text: 'x' }] }] } }
    expect(issue(validateMultimodal(body)).field).toBe('input.messages[0].role')
  })
})

const mm = (model: string, parameters: Record<string, unknown> = {}, images: string[] = [], text = 'a poster') => ({
  model,
  input: { messages: [{ role: 'user', content: [...images.map((image) => ({ image })), { text }] }] },
  parameters,
})

describe('validateMultimodal: the 2026 models', () => {
  it('"both" models: text to image without images, edit with 1-3', () => {
    const t = validateMultimodal(mm('qwen-image-2.0-pro', { size: '2048*872', n: 4 }))
    expect(t.ok && t.request).toMatchObject({ mode: 't2i', size: '2048*872', n: 4 })
    const e = validateMultimodal(mm('qwen-image-2.0', {}, [png(512, 512)]))
    expect(e.ok && e.request).toMatchObject({ mode: 'edit', size: '' })
    expect(
      issue(validateMultimodal(mm('qwen-image-2.0', {}, [png(512, 512), png(512, 512), png(512, 512), png(512, 512)]))).message,
    ).toContain('no image (text to image) or 1 to 3 images (got 4)')
    const d = validateMultimodal(mm('qwen-image-2.0'))
    expect(d.ok && d.request.size).toBe('2048*2048')
    const auto = validateMultimodal(mm('qwen-image-3.0-pro'))
    expect(auto.ok && auto.request.size).toBe('')
  })
  it('n: 1-6 for the 2.0 series and edit-max, 1 for max', () => {
    expect(validateMultimodal(mm('qwen-image-2.0', { n: 6 })).ok).toBe(true)
    expect(issue(validateMultimodal(mm('qwen-image-2.0', { n: 7 }))).field).toBe('parameters.n')
    expect(issue(validateMultimodal(mm('qwen-image-max', { n: 2 }))).message).toContain('num_images_per_prompt must be 1')
    expect(validateMultimodal(mm('qwen-image-edit-max', { n: 6 }, [png(512, 512)])).ok).toBe(true)
  })
  it('size rules per model', () => {
    expect(validateMultimodal(mm('qwen-image-max', { size: '1472*1104' })).ok).toBe(true)
    expect(validateMultimodal(mm('qwen-image-max', { size: '1472*1140' })).ok).toBe(true)
    expect(issue(validateMultimodal(mm('qwen-image-max', { size: '2048*872' }))).field).toBe('parameters.size')
    expect(validateMultimodal(mm('qwen-image-2.0-pro', { size: '2688*1536' })).ok).toBe(true)
    expect(issue(validateMultimodal(mm('qwen-image-2.0-pro', { size: '2688*2048' }))).message).toContain('2048*2048 pixels')
    expect(validateMultimodal(mm('qwen-image-edit-max', { size: '1033*1032' }, [png(512, 512)])).ok).toBe(true)
    expect(issue(validateMultimodal(mm('qwen-image-edit-max', { size: '2688*1536' }, [png(512, 512)]))).message).toContain(
      'each side between 512 and 2048',
    )
  })
  it('prompt limits in tokens (UTF-8 bytes as the estimate) on the multimodal endpoint', () => {
    const v = validateMultimodal(mm('qwen-image-2.0', {}, [], '猫'.repeat(500)))
    expect(v.ok && new TextEncoder().encode(v.request.prompt).byteLength).toBe(1299)
    const m = validateMultimodal(mm('qwen-image-max', {}, [], 'a'.repeat(900)))
    expect(m.ok && m.request.prompt.length).toBe(800)
  })
  it('GIF inputs and oss:// uploads are accepted', () => {
    expect(validateMultimodal(mm('qwen-image-edit-plus', {}, [dataUrl('image/gif', gifBytes(500, 400))])).ok).toBe(true)
    expect(validateMultimodal(mm('qwen-image-edit-plus', {}, ['oss://dashscope-instant/abc/2026-12-05/x/cat.png'])).ok).toBe(true)
  })
})
