import { expect, it } from 'vitest'
import { formatPrice } from './format-price.ts'

it('formats the vendor prices and batch totals', () => {
  expect(formatPrice(0.03)).toBe('$0.03')
  expect(formatPrice(0.175)).toBe('$0.175')
  expect(formatPrice(0.028671, 6)).toBe('$0.028671')
  expect(formatPrice(0)).toBe('$0.00')
  expect(formatPrice(1.2)).toBe('$1.20')
})
