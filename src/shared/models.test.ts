import { describe, expect, it } from 'vitest'
import { ACCOUNT_LIMITS, findModel, MODELS, priceOf } from './models.ts'

describe('models table', () => {
  it('has the five models with their kinds and n ranges', () => {
    expect(MODELS.map((m) => `${m.id}:${m.kind}:${m.n.min}-${m.n.max}`)).toEqual([
      'qwen-image-plus:t2i:1-1',
      'qwen-image:t2i:1-1',
      'qwen-image-edit-plus:edit:1-6',
      'qwen-image-edit-plus-2025-10-30:edit:1-6',
      'qwen-image-edit:edit:1-1',
    ])
  })
  it('prices per image per region as in the reference', () => {
    expect(priceOf('qwen-image-plus', 'singapore', 1)).toBe(0.03)
    expect(priceOf('qwen-image-plus', 'beijing', 1)).toBe(0.028671)
    expect(priceOf('qwen-image', 'singapore', 2)).toBeCloseTo(0.07)
    expect(priceOf('qwen-image-edit', 'singapore', 1)).toBe(0.045)
    expect(priceOf('qwen-image-edit', 'beijing', 1)).toBe(0.043)
    expect(priceOf('qwen-image-edit-plus-2025-10-30', 'beijing', 6)).toBeCloseTo(0.172026)
    expect(priceOf('nope', 'singapore', 1)).toBe(0)
  })
  it('rate limits: 2 submissions a second, 2 concurrent tasks for text-to-image', () => {
    expect(ACCOUNT_LIMITS).toEqual({ submitPerSecond: 2, concurrentTasks: 2 })
    expect(findModel('qwen-image-plus')?.concurrentTasks).toBe(2)
    expect(findModel('qwen-image-edit-plus')?.concurrentTasks).toBeNull()
    expect(findModel('qwen-image-edit-plus')?.endpoints.asyncSynthesis).toBe(false)
  })
})
