import { describe, expect, it } from 'vitest'
import { changedQuotes, diffPrompts, diffStats, type DiffPart } from './prompt-diff.ts'

const side = (parts: DiffPart[], skip: DiffPart['kind']) =>
  parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('')

describe('diffPrompts', () => {
  it('marks an insertion and a deletion', () => {
    const parts = diffPrompts('a small red cat on a mat', 'a red cat on a wooden mat')
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['small'])
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['wooden'])
    expect(side(parts, 'added').replace(/\s+/g, ' ')).toBe('a small red cat on a mat')
    expect(side(parts, 'removed').replace(/\s+/g, ' ')).toBe('a red cat on a wooden mat')
  })

  it('merges a run of changed words into one removed and one added part', () => {
    const parts = diffPrompts('a red cat on a mat', 'a blue dog on a mat')
    expect(parts).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'removed', text: 'red cat' },
      { kind: 'added', text: 'blue dog' },
      { kind: 'same', text: ' on a mat' },
    ])
    for (let i = 1; i < parts.length; i++) expect(parts[i]?.kind).not.toBe(parts[i - 1]?.kind)
  })

  it('diffs Chinese by word', () => {
    const parts = diffPrompts('一只橘色的猫', '一只白色的猫')
    expect(parts).toEqual([
      { kind: 'same', text: '一只' },
      { kind: 'removed', text: '橘色' },
      { kind: 'added', text: '白色' },
      { kind: 'same', text: '的猫' },
    ])
  })

  it('returns one same part for identical prompts and counts changed words', () => {
    expect(diffPrompts('a cat', 'a cat')).toEqual([{ kind: 'same', text: 'a cat' }])
    const parts = diffPrompts('a cat', 'a fluffy cat, soft light')
    expect(diffStats(parts)).toEqual({ added: 3, removed: 0 })
    expect(diffStats(diffPrompts('a red cat', 'a cat'))).toEqual({ added: 0, removed: 1 })
  })
})

describe('changedQuotes', () => {
  it('keeps a quote that stands verbatim in the rewrite, whatever its quote marks', () => {
    expect(changedQuotes('A poster saying “Summer Sale”', 'A bold poster with the words "Summer Sale" in red')).toEqual([
      { text: 'Summer Sale', status: 'kept' },
    ])
    expect(changedQuotes('招牌写着「你好」', '一块木质招牌，上面写着“你好”，暖色灯光')).toEqual([{ text: '你好', status: 'kept' }])
  })

  it('reports a change of case or a reworded quote as changed, with the new text', () => {
    expect(changedQuotes('A poster saying “Summer Sale”', 'A poster reading “SUMMER SALE” in bold')).toEqual([
      { text: 'Summer Sale', status: 'changed', rewrittenAs: 'SUMMER SALE' },
    ])
    expect(changedQuotes('招牌写着「你好」', '招牌上写着「您好」')).toEqual([{ text: '你好', status: 'changed', rewrittenAs: '您好' }])
    expect(changedQuotes('a sign "Grand Opening Today"', 'a sign reading "Grand Opening Tonight"')).toEqual([
      { text: 'Grand Opening Today', status: 'changed', rewrittenAs: 'Grand Opening Tonight' },
    ])
  })

  it('reports a quote that only survives inside a longer quoted passage as changed', () => {
    expect(changedQuotes('a sign “OPEN”', 'a neon sign that says “OPEN 24 HOURS”')).toEqual([
      { text: 'OPEN', status: 'changed', rewrittenAs: 'OPEN 24 HOURS' },
    ])
  })

  it('reports a quote with nothing close left as dropped', () => {
    expect(changedQuotes('a mug with “Best Dad” on it', 'a ceramic mug on a wooden table, morning light')).toEqual([
      { text: 'Best Dad', status: 'dropped' },
    ])
    expect(changedQuotes('海报标题「夏日特惠」', '一张色彩鲜艳的海报，标题为「冬季新品」')).toEqual([
      { text: '夏日特惠', status: 'dropped' },
    ])
    expect(changedQuotes('a sign "Sale"', 'a salesman beside a sign')).toEqual([{ text: 'Sale', status: 'dropped' }])
  })

  it('checks each quote of the original in order, and none when there are none', () => {
    expect(changedQuotes('“Hello” and 「世界」', '“Hello” written above a globe').map((q) => q.status)).toEqual(['kept', 'dropped'])
    expect(changedQuotes('a cat', 'a fluffy cat')).toEqual([])
  })
})
