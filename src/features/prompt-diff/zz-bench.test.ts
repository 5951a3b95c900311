import { it } from 'vitest'
import { diffPrompts, diffStats, changedQuotes } from './prompt-diff.ts'
it('bench', () => {
  const a = 'A poster saying "Summer Sale" with a red cat on a mat. '.repeat(14)
  const b = 'A vibrant poster reading "SUMMER SALE", a fluffy red cat on a wooden mat, warm light. '.repeat(24)
  let t = performance.now(); const p = diffPrompts(a, b); diffStats(p); changedQuotes(a, b); console.log('en ms', performance.now() - t, a.length, b.length)
  const c = '一只橘色的猫坐在窗台上，写着「你好」。'.repeat(40), d = '一只毛茸茸的橘色小猫安静地坐在洒满阳光的窗台上，写着「您好」。'.repeat(40)
  t = performance.now(); diffPrompts(c, d); console.log('zh ms', performance.now() - t)
  console.log(JSON.stringify(diffPrompts('line one\nline two', 'line one\n\nline 2')))
})
