import { describe, expect, it } from 'vitest'
import { validateImageSynthesis, validateMultimodal } from '../../shared/validate.ts'
import { planCost, planRequests } from './build-requests.ts'
import { DEFAULT_FORM, type ComposeForm } from './compose-store.ts'

const form = (over: Partial<ComposeForm> = {}): ComposeForm => ({ ...DEFAULT_FORM, prompt: 'a "Sale" poster', ...over })

describe('planRequests', () => {
  it('always sends an explicit seed, n=1, and requests the contract accepts', () => {
    const [one] = planRequests(form({ negativePrompt: 'blurry' }), 7)
    expect(one!.request).toEqual({
      model: 'qwen-image-plus',
      input: { prompt: 'a "Sale" poster', negative_prompt: 'blurry' },
      parameters: { size: '1328*1328', n: 1, prompt_extend: true, watermark: false, seed: 7 },
    })
    expect(validateImageSynthesis(one!.request).ok).toBe(true)
  })
  it('seed sweep: count 1-8, consecutive seeds', () => {
    const plan = planRequests(form({ batchMode: 'seed-sweep', batchCount: 5 }), 100)
    expect(plan.map((p) => p.request.parameters?.seed)).toEqual([100, 101, 102, 103, 104])
    expect(planRequests(form({ batchMode: 'seed-sweep', batchCount: 99 }), 1)).toHaveLength(8)
    expect(planRequests(form({ batchMode: 'seed-sweep', batchCount: 0 }), 1)).toHaveLength(1)
  })
  it('extend on vs off keeps the same seed', () => {
    const plan = planRequests(form({ batchMode: 'extend-ab' }), 9)
    expect(plan.map((p) => [p.request.parameters?.prompt_extend, p.request.parameters?.seed])).toEqual([
      [true, 9],
      [false, 9],
    ])
  })
  it('all 5 sizes', () => {
    const plan = planRequests(form({ batchMode: 'all-sizes' }), 3)
    expect(plan.map((p) => p.request.parameters?.size)).toEqual(['1664*928', '1472*1104', '1328*1328', '1104*1472', '928*1664'])
  })
  it('costs the batch in the region', () => {
    expect(planCost(planRequests(form({ batchMode: 'all-sizes' }), 3), 'singapore').amount).toBeCloseTo(0.15)
    // Beijing in yuan, as the lineup's price table gives it
    expect(planCost(planRequests(form({ model: 'qwen-image', batchMode: 'extend-ab' }), 3), 'beijing')).toEqual({
      amount: 0.5,
      currency: 'CNY',
    })
  })
})

describe('planRequests: the 2026 models', () => {
  it('sync-only models go to the multimodal endpoint with their n and a snapped size', () => {
    const [one] = planRequests(form({ model: 'qwen-image-2.0-pro', size: '2048*872', n: 4 }), 5)
    expect(one!.request).toEqual({
      model: 'qwen-image-2.0-pro',
      input: { messages: [{ role: 'user', content: [{ text: 'a "Sale" poster' }] }] },
      parameters: { size: '2048*864', n: 4, prompt_extend: true, watermark: false, seed: 5 },
    })
    expect(validateMultimodal(one!.request).ok).toBe(true)
    expect(planCost(planRequests(form({ model: 'qwen-image-2.0', n: 4 }), 1), 'singapore').amount).toBeCloseTo(0.14)
  })
  it('fixed-size models get the closest of their five sizes; n stays 1', () => {
    const [max] = planRequests(form({ model: 'qwen-image-max', size: '1920*1080', n: 4 }), 5)
    expect(max!.request.parameters).toMatchObject({ size: '1664*928', n: 1 })
    expect('messages' in max!.request.input).toBe(true)
    const [old] = planRequests(form({ size: '1472*1140' }), 5)
    expect(old!.request.parameters?.size).toBe('1472*1104')
  })
})
