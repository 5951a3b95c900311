import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_EDIT_FORM, useEditStore } from './edit-store.ts'

const ids = () => useEditStore.getState().inputs.map((i) => (i.kind === 'stored' ? i.id : i.url))
const stored = (id: string) => ({ kind: 'stored' as const, id })

beforeEach(() => useEditStore.setState({ ...DEFAULT_EDIT_FORM }))

describe('edit inputs', () => {
  it('keeps at most three, in order', () => {
    useEditStore.getState().addInputs([stored('a'), stored('b'), stored('c'), stored('d')])
    expect(ids()).toEqual(['a', 'b', 'c'])
  })
  it('reorders, ignoring moves past either end', () => {
    const s = useEditStore.getState()
    s.addInputs([stored('a'), stored('b'), stored('c')])
    s.moveInput(0, 2)
    expect(ids()).toEqual(['b', 'c', 'a'])
    s.moveInput(0, -1)
    s.moveInput(2, 3)
    expect(ids()).toEqual(['b', 'c', 'a'])
    s.removeInput(1)
    expect(ids()).toEqual(['b', 'a'])
  })
  it('continue editing puts the image first without duplicating it', () => {
    const s = useEditStore.getState()
    s.addInputs([stored('a'), stored('b'), stored('c')])
    s.startFrom('c')
    expect(ids()).toEqual(['c', 'a', 'b'])
    s.startFrom('out')
    expect(ids()).toEqual(['out', 'c', 'a'])
  })
})
