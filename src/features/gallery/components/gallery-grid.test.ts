import { describe, expect, it } from 'vitest'
import { columnsFor, keyTarget } from './gallery-grid.tsx'

describe('grid layout and keys', () => {
  it('fits columns to the width, between 2 and 10', () => {
    expect(columnsFor(300)).toBe(2)
    expect(columnsFor(1000)).toBe(5)
    expect(columnsFor(4000)).toBe(10)
  })

  it('moves by cell, row and page, within the grid', () => {
    expect(keyTarget('ArrowRight', 3, 5, 4, 100)).toBe(4)
    expect(keyTarget('ArrowDown', 3, 5, 4, 100)).toBe(8)
    expect(keyTarget('ArrowUp', 3, 5, 4, 100)).toBe(0)
    expect(keyTarget('PageDown', 3, 5, 4, 100)).toBe(23)
    expect(keyTarget('PageDown', 90, 5, 4, 100)).toBe(99)
    expect(keyTarget('End', 3, 5, 4, 100)).toBe(99)
    expect(keyTarget('Home', 42, 5, 4, 100)).toBe(0)
    expect(keyTarget('a', 3, 5, 4, 100)).toBeUndefined()
  })
})
