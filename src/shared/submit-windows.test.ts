import { describe, expect, it } from 'vitest'
import { SubmitWindows } from './submit-windows.ts'

describe('SubmitWindows', () => {
  it('spaces a max model to 2 per minute (with 10% slack) and every model to the account’s 2 a second', () => {
    const gate = new SubmitWindows(() => 8000)
    const send = (model: string, now: number) => {
      const wait = gate.waitMs(model, now)
      if (wait === 0) gate.record(model, now)
      return wait
    }
    expect(send('qwen-image-max', 0)).toBe(0)
    expect(send('qwen-image-max', 10)).toBe(0)
    // third within the account's second (1 s + 0.1 s slack) and the model's minute (8 s + 0.8 s)
    expect(send('qwen-image-max', 20)).toBe(8780)
    expect(send('qwen-image-plus', 20)).toBe(1080)
    expect(send('qwen-image-plus', 1100)).toBe(0)
    expect(send('qwen-image-max', 5000)).toBe(3800)
    expect(send('qwen-image-max', 8800)).toBe(0)
  })
  it('counts each submission against the account however the models are mixed', () => {
    const gate = new SubmitWindows()
    gate.record('qwen-image-plus', 0)
    gate.record('qwen-image-edit-plus', 500)
    expect(gate.waitMs('qwen-image', 600)).toBe(500)
    expect(gate.waitMs('qwen-image', 1100)).toBe(0)
  })
})
