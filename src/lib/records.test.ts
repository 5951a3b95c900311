import { describe, expect, it } from 'vitest'
import { JobRecord } from './records.ts'

const fields = { id: 'j1', createdAt: 1, updatedAt: 1, status: 'queued', region: 'singapore' } as const
const t2iRequest = { model: 'qwen-image-plus', input: { prompt: 'a fox' }, parameters: { size: '1328*1328', seed: 7 } }
const editRequest = {
  model: 'qwen-image-edit-plus',
  input: { messages: [{ role: 'user', content: [{ image: 'https://x/a.png' }, { text: 'make it blue' }] }] },
}

describe('JobRecord', () => {
  it('ties the request to the kind: a text-to-image job carries a prompt request, an edit job messages', () => {
    expect(JobRecord.parse({ ...fields, kind: 't2i', request: t2iRequest }).request).toEqual(t2iRequest)
    expect(JobRecord.parse({ ...fields, kind: 'edit', request: editRequest }).request).toEqual(editRequest)
    expect(JobRecord.safeParse({ ...fields, kind: 'edit', request: t2iRequest }).success).toBe(false)
    expect(JobRecord.safeParse({ ...fields, kind: 't2i', request: editRequest }).success).toBe(false)
  })
})
