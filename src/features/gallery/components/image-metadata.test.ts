import { describe, expect, it } from 'vitest'
import { seedText } from './image-metadata.tsx'

describe('seedText', () => {
  it('promises an exact remake only for a single output', () => {
    expect(seedText({ seed: 42, outputs: 1 })).toBe('42')
    expect(seedText({ seed: 42, outputs: 4 })).toBe('42 (shared by the 4 images of one request: it remakes the set, not this image alone)')
    expect(seedText({ seed: undefined, outputs: 1 })).toBe('random')
  })
})
