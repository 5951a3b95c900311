import { expect, it } from 'vitest'
import { formatPrice, regionPrice } from './format-price.ts'

it('formats the vendor prices and batch totals in the active language', () => {
  expect(formatPrice(0.03, 'USD', 'en')).toBe('$0.03')
  expect(formatPrice(0.175, 'USD', 'en')).toBe('$0.175')
  expect(formatPrice(0.028671, 'USD', 'en', 6)).toBe('$0.028671')
  expect(formatPrice(0, 'USD', 'en')).toBe('$0.00')
  expect(formatPrice(1.2, 'USD', 'en')).toBe('$1.20')
  expect(formatPrice(0.2, 'CNY', 'zh-CN')).toBe('¥0.20')
  expect(formatPrice(0.03, 'USD', 'zh-CN')).toBe('US$0.03')
})

it('prices Beijing in yuan and Singapore in dollars, as the lineup table gives them', () => {
  expect(regionPrice('qwen-image-plus', 'beijing', 2)).toEqual({ amount: 0.4, currency: 'CNY' })
  expect(regionPrice('qwen-image-plus', 'singapore', 2)).toEqual({ amount: 0.06, currency: 'USD' })
})
