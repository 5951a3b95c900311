import { expect, it } from 'vitest'
import { pickLocale } from './locale.ts'

it('starts from the kept choice, else the browser’s first English or Chinese preference, else English', () => {
  expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN')
  expect(pickLocale('en', ['zh-CN'])).toBe('en')
  expect(pickLocale(null, ['zh-CN', 'en'])).toBe('zh-CN')
  expect(pickLocale(null, ['zh-TW'])).toBe('zh-CN')
  expect(pickLocale(null, ['zh'])).toBe('zh-CN')
  expect(pickLocale(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en')
  expect(pickLocale(null, ['fr-FR', 'de'])).toBe('en')
  expect(pickLocale('xx', [])).toBe('en')
})
