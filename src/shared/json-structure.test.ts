import { describe, expect, it } from 'vitest'
import { exceedsJsonStructure, JsonStructureMeter, STRING_CHARGE_BYTES } from './json-structure.ts'
import { MAX_JSON_STRUCTURE_BYTES } from './limits.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const costOf = (text: string) => {
  const meter = new JsonStructureMeter(Number.MAX_SAFE_INTEGER)
  meter.add(bytes(text))
  return meter.cost
}

describe('JsonStructureMeter', () => {
  it('charges bytes outside strings, at most 1 KB per string, and 2 per escape', () => {
    expect(costOf('[1, {}]')).toBe(7)
    expect(costOf('"abc"')).toBe(5)
    expect(costOf(`"${'x'.repeat(5_000_000)}"`)).toBe(STRING_CHARGE_BYTES + 2)
    expect(costOf('"a\\"b"')).toBe(2 + 4 + 2)
    expect(costOf('"\\\\"')).toBe(2 + 2 + 2)
  })

  it('passes a real edit body (3 images of 3 MB) with a few hundred bytes of structure', () => {
    const image = `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}`
    const body = JSON.stringify({
      model: 'qwen-image-edit-plus',
      input: { messages: [{ role: 'user', content: [{ image }, { image }, { image }, { text: '把“Image 1”的背景换成蓝色 "quoted"' }] }] },
      parameters: { n: 2, seed: 42, watermark: false },
    })
    const meter = new JsonStructureMeter()
    expect(meter.add(bytes(body))).toBe(false)
    console.log(`json structure: a 9 MB edit body costs ${meter.cost} bytes of a ${MAX_JSON_STRUCTURE_BYTES} budget`)
    expect(meter.cost).toBeLessThan(4 * STRING_CHARGE_BYTES + 300)
  })

  it('refuses floods of small values of every kind', () => {
    const size = 2 * MAX_JSON_STRUCTURE_BYTES
    for (const unit of ['{},', '1,', '"",', '"abc",', '[[]],', `"${'x'.repeat(2000)}",`, '"\\"\\"\\"\\"",'])
      expect([unit.slice(0, 12), exceedsJsonStructure(bytes(`[${unit.repeat(Math.ceil(size / unit.length))}0]`))]).toEqual([
        unit.slice(0, 12),
        true,
      ])
    // One string of escapes, even without a closing quote.
    expect(exceedsJsonStructure(bytes(`"${'\\n'.repeat(MAX_JSON_STRUCTURE_BYTES)}`))).toBe(true)
  })

  it('counts the same however the bytes are split into chunks', () => {
    const text = '{"a\\"b":"c\\\\","d":[1,2,"\\u00e9"],"e":"' + 'y'.repeat(1500) + '\\\\\\"z"}'
    const whole = costOf(text)
    const all = bytes(text)
    for (let cut = 0; cut <= all.length; cut++) {
      const meter = new JsonStructureMeter(Number.MAX_SAFE_INTEGER)
      meter.add(all.subarray(0, cut))
      meter.add(all.subarray(cut))
      expect([cut, meter.cost]).toEqual([cut, whole])
    }
    const meter = new JsonStructureMeter(Number.MAX_SAFE_INTEGER)
    for (const b of all) meter.add(Uint8Array.of(b))
    expect(meter.cost).toBe(whole)
  })
  it('never charges more than twice the bytes it read, so a body of half the budget is passed unread', () => {
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\"', '"x"', '1', 'é', ' ', 'a'.repeat(1500)]
    let seed = 19
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let trial = 0; trial < 300; trial++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      expect([text.slice(0, 40), costOf(text) <= 2 * bytes(text).length]).toEqual([text.slice(0, 40), true])
    }
    // The worst case, short strings of escapes, comes near it.
    const escapes = `[${`"${'\\n'.repeat(500)}",`.repeat(20)}0]`
    expect(costOf(escapes)).toBeGreaterThan(1.9 * bytes(escapes).length)
    expect(exceedsJsonStructure(bytes('['.repeat(MAX_JSON_STRUCTURE_BYTES / 2)))).toBe(false)
    expect(exceedsJsonStructure(bytes('['.repeat(MAX_JSON_STRUCTURE_BYTES + 1)))).toBe(true)
  })
})
