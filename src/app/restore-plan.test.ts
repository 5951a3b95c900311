import { describe, expect, it } from 'vitest'
import { parseA1111 } from '../features/gallery/files/a1111-parameters.ts'
import { planRestore, restoreMessage } from './restore-plan.ts'
import { SIZE_4_3 } from '../shared/sizes.ts'

const current = { t2iModel: 'qwen-image-plus', editModel: 'qwen-image-edit-plus' }
const fromA1111 = (settings: string) => planRestore(parseA1111(`a castle on a hill\nNegative prompt: blurry\n${settings}`)!, current)

describe('planRestore', () => {
  it('keeps what the studio can send', () => {
    const plan = planRestore(
      { prompt: 'a fox', model: 'qwen-image', size: '1664*928', seed: 42, promptExtend: false, watermark: true, kind: 't2i' },
      current,
    )
    expect(plan.target).toEqual({
      mode: 'generate',
      form: { prompt: 'a fox', negativePrompt: '', model: 'qwen-image', size: '1664*928', seed: 42, promptExtend: false, watermark: true },
    })
    expect(plan.changed).toEqual([])
    expect(plan.leftOut).toEqual([])
    expect(restoreMessage('fox.png', plan)).toBe(
      'Restored from fox.png into the text-to-image form: prompt, model qwen-image, size 16:9 (1664×928), seed 42, prompt extend off, watermark on.',
    )
  })

  it('leaves out an unknown model (the current one stays), a seed out of range, and moves an odd size to the nearest', () => {
    const plan = fromA1111('Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 4294967296, Size: 1000x700, Model: sdxl')
    expect(plan.target).toEqual({
      mode: 'generate',
      form: { prompt: 'a castle on a hill', negativePrompt: 'blurry', model: undefined, size: SIZE_4_3, seed: undefined },
    })
    const message = restoreMessage('a1111.png', plan)
    console.log(message)
    expect(message).toBe(
      'Restored from a1111.png into the text-to-image form: prompt, negative prompt. ' +
        'Changed: size 1000×700 → 1472×1104 (4:3, the nearest size qwen-image-plus makes). ' +
        'Left out: model “sdxl” (not a text-to-image model the studio can send; qwen-image-plus stays); ' +
        'seed 4294967296 (a seed is a whole number from 0 to 2147483647; the form’s seed stays).',
    )
    expect(fromA1111('Seed: -5, Size: 2048x1024').leftOut).toEqual([expect.stringMatching(/^seed -5 /)])
    expect(fromA1111('Seed: 99999999999999999999999, Size: 512x768').leftOut).toEqual([
      expect.stringMatching(/^seed 99999999999999999999999 /),
    ])
    expect(fromA1111('Seed: 1, Size: 512x768').target?.form).toMatchObject({ size: '1104*1472', seed: 1 })
    expect(fromA1111('Seed: 1, Size: huge, Model: qwen-image').leftOut).toEqual(['size “huge” (not a size qwen-image makes)'])
  })

  it('sends an edit result to the edit panel with its edit model and inputs', () => {
    const plan = planRestore(
      {
        prompt: 'Make the sky purple',
        model: 'qwen-image-edit',
        size: '1024*1024',
        seed: 7,
        promptExtend: false,
        watermark: false,
        kind: 'edit',
        inputIds: ['a', 'b'],
      },
      current,
    )
    expect(plan.target).toEqual({
      mode: 'edit',
      form: {
        prompt: 'Make the sky purple',
        negativePrompt: '',
        model: 'qwen-image-edit',
        seed: 7,
        watermark: false,
        inputIds: ['a', 'b'],
      },
    })
    expect(plan.leftOut).toEqual(['size (qwen-image-edit sizes its output from Image 1)'])
    // an A1111 text naming an edit model is an edit too; a text-to-image model on an edit is left out
    expect(planRestore({ prompt: 'x', model: 'qwen-image-edit-plus' }, current).target?.mode).toBe('edit')
    expect(planRestore({ prompt: 'x', model: 'qwen-image-plus', kind: 'edit' }, current).leftOut[0]).toMatch(
      /^model “qwen-image-plus” \(not an editing model/,
    )
  })

  it('restores nothing from an edit input', () => {
    const plan = planRestore({ prompt: 'photo.png', kind: 'input' }, current)
    expect(plan.target).toBeUndefined()
    expect(restoreMessage('photo.png', plan)).toMatch(/^Nothing restored from photo.png: everything: it is an edit input/)
  })
})
