import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_LIMITS,
  canEdit,
  canTextToImage,
  EDIT_MODELS,
  findModel,
  MODELS,
  priceCnyOf,
  priceOf,
  promptLimitOf,
  rateWindowMs,
  t2iEndpoint,
  T2I_MODELS,
} from './models.ts'

const row = (id: string) => {
  const m = findModel(id)!
  const size = m.size.kind
  const endpoints = [m.endpoints.multimodal ? 'mmg' : '', m.endpoints.asyncSynthesis ? 'async' : ''].filter(Boolean).join('+')
  return `${m.kind} n${m.n.min}-${m.n.max} ${endpoints} size:${size} prompt:${m.prompt.max}${m.prompt.unit} rate:${m.rateLimit.count}/${m.rateLimit.window}${m.preview ? ' preview' : ''}`
}

describe('models table (LINEUP-2026)', () => {
  it('has every 2026 model, families and snapshots, with its own rules', () => {
    const table = Object.fromEntries(MODELS.map((m) => [m.id, row(m.id)]))
    expect(table).toEqual({
      'qwen-image-3.0-pro': 'both n1-6 mmg size:area prompt:4500tokens rate:2/second preview',
      'qwen-image-2.0-pro': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-2.0-pro-2026-06-22': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-2.0-pro-2026-04-22': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-2.0-pro-2026-03-03': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-2.0': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-2.0-2026-03-03': 'both n1-6 mmg size:area prompt:1300tokens rate:2/second',
      'qwen-image-max': 't2i n1-1 mmg size:fixed prompt:800tokens rate:2/minute',
      'qwen-image-max-2025-12-30': 't2i n1-1 mmg size:fixed prompt:800tokens rate:2/minute',
      'qwen-image-plus': 't2i n1-1 mmg+async size:fixed prompt:800tokens rate:2/second',
      'qwen-image-plus-2026-01-09': 't2i n1-1 mmg size:fixed prompt:800tokens rate:2/second',
      'qwen-image': 't2i n1-1 mmg+async size:fixed prompt:800tokens rate:2/second',
      'qwen-image-edit-max': 'edit n1-6 mmg size:perSide prompt:800tokens rate:2/minute',
      'qwen-image-edit-max-2026-01-16': 'edit n1-6 mmg size:perSide prompt:800tokens rate:2/minute',
      'qwen-image-edit-plus': 'edit n1-6 mmg size:perSide prompt:800tokens rate:2/second',
      'qwen-image-edit-plus-2025-12-15': 'edit n1-6 mmg size:perSide prompt:800tokens rate:2/second',
      'qwen-image-edit-plus-2025-10-30': 'edit n1-6 mmg size:perSide prompt:800tokens rate:2/second',
      'qwen-image-edit': 'edit n1-1 mmg size:none prompt:800tokens rate:2/second',
    })
  })

  it('only qwen-image-plus and qwen-image have the async task API; snapshots are aliases of their family', () => {
    expect(MODELS.filter((m) => m.endpoints.asyncSynthesis).map((m) => m.id)).toEqual(['qwen-image-plus', 'qwen-image'])
    expect(t2iEndpoint(findModel('qwen-image-plus')!)).toBe('imageSynthesis')
    expect(t2iEndpoint(findModel('qwen-image-max')!)).toBe('multimodal')
    expect(findModel('qwen-image-2.0-pro-2026-04-22')).toMatchObject({
      family: 'qwen-image-2.0-pro',
      label: 'Qwen-Image 2.0 Pro (2026-04-22)',
    })
    expect(findModel('qwen-image-plus-2026-01-09')).toMatchObject({ family: 'qwen-image-plus', concurrentTasks: null })
  })

  it('"both" models are offered for text to image and for editing', () => {
    expect(T2I_MODELS.map((m) => m.id)).toContain('qwen-image-2.0')
    expect(EDIT_MODELS.map((m) => m.id)).toContain('qwen-image-2.0')
    expect(T2I_MODELS.every(canTextToImage)).toBe(true)
    expect(T2I_MODELS.map((m) => m.id)).not.toContain('qwen-image-edit-max')
    expect(EDIT_MODELS.every(canEdit)).toBe(true)
    expect(EDIT_MODELS.map((m) => m.id)).not.toContain('qwen-image-max')
  })

  it('default sizes, inputs, prompt_extend and size support per model', () => {
    expect(findModel('qwen-image-max')!.defaultT2ISize).toBe('1664*928')
    expect(findModel('qwen-image-2.0-pro')!.defaultT2ISize).toBe('2048*2048')
    expect(findModel('qwen-image-3.0-pro')!.defaultT2ISize).toBeNull()
    expect(findModel('qwen-image-edit')).toMatchObject({ takesSize: false, takesPromptExtend: false })
    expect(findModel('qwen-image-edit-max')).toMatchObject({ takesSize: true, takesPromptExtend: true, editImages: { min: 1, max: 3 } })
    expect(findModel('qwen-image-max')!.editImages).toBeNull()
  })

  it('prompt limits: tokens on the multimodal endpoint, 800 characters on the async one', () => {
    const plus = findModel('qwen-image-plus')!
    expect(promptLimitOf(plus, 'imageSynthesis')).toEqual({ unit: 'chars', max: 800 })
    expect(promptLimitOf(plus, 'multimodal')).toEqual({ unit: 'tokens', max: 800 })
    expect(promptLimitOf(findModel('qwen-image-2.0')!, 'multimodal')).toEqual({ unit: 'tokens', max: 1300 })
  })

  it('prices per image per region, in dollars and yuan (V4 mid-2026)', () => {
    expect(priceOf('qwen-image-plus', 'singapore', 1)).toBe(0.03)
    expect(priceOf('qwen-image-plus', 'beijing', 1)).toBe(0.028671)
    expect(priceOf('qwen-image', 'singapore', 2)).toBeCloseTo(0.07)
    expect(priceOf('qwen-image-edit', 'singapore', 1)).toBe(0.045)
    expect(priceOf('qwen-image-2.0', 'singapore', 4)).toBeCloseTo(0.14)
    expect(priceOf('qwen-image-2.0-pro', 'singapore', 1)).toBe(0.075)
    expect(priceOf('qwen-image-edit-max', 'singapore', 1)).toBe(0.075)
    expect(priceCnyOf('qwen-image-max', 'beijing', 1)).toBe(0.5)
    expect(priceCnyOf('qwen-image-2.0', 'singapore', 1)).toBe(0.256873)
    expect(priceCnyOf('qwen-image', 'beijing', 1)).toBe(0.25)
    expect(priceOf('qwen-image-max', 'beijing', 1)).toBeCloseTo(0.5 / 7.339, 5)
    expect(findModel('qwen-image-3.0-pro')!.priceEstimated).toBe(true)
    expect(priceOf('nope', 'singapore', 1)).toBe(0)
  })

  it('rate limits: 2 a minute for the max models, 2 a second for the rest; 2 concurrent async tasks', () => {
    expect(ACCOUNT_LIMITS).toEqual({ submitPerSecond: 2, concurrentTasks: 2 })
    expect(MODELS.filter((m) => m.rateLimit.window === 'minute').map((m) => m.id)).toEqual([
      'qwen-image-max',
      'qwen-image-max-2025-12-30',
      'qwen-image-edit-max',
      'qwen-image-edit-max-2026-01-16',
    ])
    expect(rateWindowMs(findModel('qwen-image-max')!.rateLimit)).toBe(60_000)
    expect(rateWindowMs(findModel('qwen-image-max')!.rateLimit, 8000)).toBe(8000)
    expect(rateWindowMs(findModel('qwen-image')!.rateLimit, 8000)).toBe(1000)
    expect(findModel('qwen-image-plus')?.concurrentTasks).toBe(2)
    expect(findModel('qwen-image-edit-plus')?.concurrentTasks).toBeNull()
  })

  it('only qwen-image-3.0-pro is a preview', () => {
    expect(MODELS.filter((m) => m.preview).map((m) => m.id)).toEqual(['qwen-image-3.0-pro'])
  })
})
