import { describe, expect, it } from 'vitest'
import type { ImageSynthesisRequest } from './schemas.ts'
import { asSyncRequest, sendAs } from './sync-route.ts'

const task = (over: Partial<ImageSynthesisRequest['parameters']> = {}, prompt = 'A lighthouse at dusk', model = 'qwen-image-plus') =>
  ({
    model,
    input: { prompt, negative_prompt: 'blurry' },
    parameters: { size: '1328*1328', n: 1, seed: 7, watermark: false, ...over },
  }) satisfies ImageSynthesisRequest

describe('asSyncRequest', () => {
  it('sends a task without prompt extension to the sync endpoint, every parameter kept', () => {
    expect(asSyncRequest(task({ prompt_extend: false }))).toEqual({
      model: 'qwen-image-plus',
      input: { messages: [{ role: 'user', content: [{ text: 'A lighthouse at dusk' }] }] },
      parameters: { negative_prompt: 'blurry', size: '1328*1328', n: 1, seed: 7, watermark: false, prompt_extend: false },
    })
  })

  it('keeps a task whose prompt is rewritten (the default) on the task API: only it returns actual_prompt', () => {
    expect(asSyncRequest(task({ prompt_extend: true }))).toBeUndefined()
    expect(asSyncRequest(task())).toBeUndefined()
  })

  it('keeps a task whose prompt the sync endpoint would cut short (800 tokens there, 800 characters on the task API)', () => {
    const long = 'a very long prompt with many small words '.repeat(19).slice(0, 790)
    expect(asSyncRequest(task({ prompt_extend: false }, long))).toBeDefined()
    const dense = '灯塔。'.repeat(266)
    expect(asSyncRequest(task({ prompt_extend: false }, dense))).toBeUndefined()
  })

  it('leaves a sync request as it is', () => {
    const sync = asSyncRequest(task({ prompt_extend: false }))!
    expect(sendAs(sync)).toBe(sync)
    expect(sendAs(task())).toEqual(task())
  })
})
