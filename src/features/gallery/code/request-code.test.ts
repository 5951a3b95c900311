// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { makeRecord } from '../../../testing/gallery-fixtures.ts'
import { curlCode, fetchCode, pythonCode, requestFor } from './request-code.ts'

const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: new (code: string) => unknown }).constructor
const pythonParses = (code: string) =>
  execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read()); print("ok")'], { input: code, encoding: 'utf8' }).trim()

/** The JSON body of the first curl command (the shell's single quotes undone). */
function curlBody(code: string): unknown {
  const quoted = /-d '((?:[^']|'\\'')*)'/.exec(code)![1]!
  return JSON.parse(quoted.replace(/'\\''/g, "'"))
}

const t2i = makeRecord({
  prompt: `Tom's "poster" 一张海报\nline two`,
  negativePrompt: 'blurry',
  model: 'qwen-image',
  size: '1664*928',
  seed: 42,
  promptExtend: false,
  watermark: true,
  region: 'beijing',
})
const edit = makeRecord({
  kind: 'edit',
  prompt: 'Make Image 1 purple',
  model: 'qwen-image-edit-plus',
  seed: 7,
  parentIds: ['in-a', 'in-b'],
})

describe('copy as code', () => {
  it('rebuilds the text-to-image request from the record, and prefers the job’s own', () => {
    expect(requestFor(t2i, undefined)).toEqual({
      model: 'qwen-image',
      input: { prompt: t2i.prompt, negative_prompt: 'blurry' },
      parameters: { size: '1664*928', n: 1, prompt_extend: false, watermark: true, seed: 42 },
    })
    const sent = { model: 'qwen-image', input: { prompt: 'as sent' }, parameters: { seed: 1 } }
    expect(requestFor(t2i, sent)).toBe(sent)
  })

  it('names kept edit inputs with data: URL placeholders and keeps public URLs', () => {
    const sent = {
      model: 'qwen-image-edit-plus',
      input: {
        messages: [
          {
            role: 'user' as const,
            content: [{ image: 'studio-input:in-a' }, { image: 'https://example.com/b.jpg' }, { text: 'Make Image 1 purple' }],
          },
        ],
      },
      parameters: { n: 3, seed: 7, watermark: false },
    }
    expect(requestFor(edit, sent, [{ name: 'cat.jpg', mime: 'image/jpeg' }]).input).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { image: 'data:image/jpeg;base64,<Image 1 (cat.jpg) as base64>' },
            { image: 'https://example.com/b.jpg' },
            { text: 'Make Image 1 purple' },
          ],
        },
      ],
    })
    expect(JSON.stringify(requestFor(edit, undefined))).toContain('data:image/png;base64,<Image 2 as base64>')
  })

  it('writes curl, Python and JavaScript that parse, with the region’s endpoint and the key as a placeholder', () => {
    for (const record of [t2i, edit]) {
      const request = requestFor(record, undefined)
      const curl = curlCode(request, record.region, 'DASHSCOPE_API_KEY')
      const python = pythonCode(request, record.region, 'DASHSCOPE_API_KEY')
      const js = fetchCode(request, record.region, 'DASHSCOPE_API_KEY')
      console.log(`${record.kind}: curl ${curl.length} chars, Python ${python.length}, JavaScript ${js.length}`)
      expect(curlBody(curl)).toEqual(request)
      expect(curl).toContain('"Authorization: Bearer $DASHSCOPE_API_KEY"')
      expect(execFileSync('bash', ['-n'], { input: curl, encoding: 'utf8' })).toBe('')
      expect(pythonParses(python)).toBe('ok')
      expect(python).toContain('api_key=os.getenv("DASHSCOPE_API_KEY")')
      expect(() => new AsyncFunction(js)).not.toThrow()
      expect(js).toContain('process.env.DASHSCOPE_API_KEY')
      const base = record.region === 'beijing' ? 'https://dashscope.aliyuncs.com/api/v1' : 'https://dashscope-intl.aliyuncs.com/api/v1'
      for (const code of [curl, python, js]) expect(code).toContain(base)
    }
    const python = pythonCode(requestFor(t2i, undefined), 'beijing', 'DASHSCOPE_API_KEY')
    expect(python).toContain('negative_prompt="blurry",')
    expect(python).toContain('prompt_extend=False,')
    expect(python).toContain('seed=42,')
    expect(curlCode(requestFor(t2i, undefined), 'beijing', 'DASHSCOPE_API_KEY')).toContain("-H 'X-DashScope-Async: enable'")
    expect(curlCode(requestFor(edit, undefined), 'singapore', 'DASHSCOPE_API_KEY')).not.toContain('X-DashScope-Async')
  })
})
