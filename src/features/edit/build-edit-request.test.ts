import { describe, expect, it } from 'vitest'
import { buildEditRequest, mentionsImages } from './build-edit-request.ts'
import { DEFAULT_EDIT_FORM } from './edit-store.ts'

describe('buildEditRequest', () => {
  it('puts the inputs in order before the instruction, with n, seed and the negative prompt', () => {
    const req = buildEditRequest(
      {
        ...DEFAULT_EDIT_FORM,
        inputs: [
          { kind: 'stored', id: 'a' },
          { kind: 'url', url: 'https://example.com/b.png', width: 800, height: 600 },
        ],
        prompt: 'Put Image 2 behind Image 1',
        negativePrompt: 'blurry',
        n: 3,
      },
      99,
    )
    expect(req).toEqual({
      model: 'qwen-image-edit-plus',
      input: {
        messages: [
          {
            role: 'user',
            content: [{ image: 'studio-input:a' }, { image: 'https://example.com/b.png' }, { text: 'Put Image 2 behind Image 1' }],
          },
        ],
      },
      parameters: { n: 3, watermark: false, seed: 99, negative_prompt: 'blurry' },
    })
  })
})

describe('mentionsImages', () => {
  it('finds "Image N" in English and Chinese', () => {
    expect(mentionsImages('the girl from Image 1 wears the dress from image 2')).toBe(true)
    expect(mentionsImages('让图1中的女孩穿上图2的裙子')).toBe(true)
    expect(mentionsImages('make it blue')).toBe(false)
  })
})
