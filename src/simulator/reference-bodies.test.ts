// @vitest-environment node
/**
 * The reference's own curl bodies, copied verbatim, answered with bodies of the documented shape
 * (the documented example responses are copied too, and their key structure compared).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS } from '../shared/api-paths.ts'
import { ErrorBody, MultimodalResponse, TaskCreatedResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { quotedTexts } from '../shared/text.ts'
import type { Download } from './public-download.ts'
import { bytesOf, harness, pngFixture, pngSize, type Harness } from '../testing/simulator-harness.ts'
import { fromBase64, WEBP_576x384_BASE64 } from '../testing/test-images.ts'

const PUPPIES =
  'Healing-style hand-drawn poster featuring three puppies playing with a ball on lush green grass, adorned with decorative elements such as birds and stars. The main title “Come Play Ball!” is prominently displayed at the top in bold, blue cartoon font. Below it, the subtitle “Come [Show Off Your Skills]!” appears in green font. A speech bubble adds playful charm with the text: “Hehe, watch me amaze my little friends next!” At the bottom, supplementary text reads: “We get to play ball with our friends again!” The color palette centers on fresh greens and blues, accented with bright pink and yellow tones to highlight a cheerful, childlike atmosphere.'

// ---- request bodies (curl examples) ----------------------------------------------------------

const T2I_SYNC_BODY = {
  model: 'qwen-image-plus',
  input: { messages: [{ role: 'user', content: [{ text: PUPPIES }] }] },
  parameters: { negative_prompt: '', prompt_extend: true, watermark: false, size: '1328*1328' },
}

const T2I_ASYNC_BODY = {
  model: 'qwen-image-plus',
  input: { prompt: PUPPIES },
  parameters: { size: '1328*1328', n: 1, prompt_extend: true, watermark: false },
}

const IMAGE36 = 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250925/fpakfo/image36.webp'
const INPUTS = [
  'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250925/thtclx/input1.png',
  'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250925/iclsnx/input2.png',
  'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250925/gborgw/input3.png',
]

const EDIT_SINGLE_BODY = {
  model: 'qwen-image-edit-plus',
  input: {
    messages: [
      {
        role: 'user',
        content: [
          { image: IMAGE36 },
          {
            text: 'Generate an image that matches the depth map, following this description: A dilapidated red bicycle is parked on a muddy path with a dense primeval forest in the background.',
          },
        ],
      },
    ],
  },
  parameters: { n: 2, negative_prompt: ' ', watermark: false },
}

const EDIT_FUSION_BODY = {
  model: 'qwen-image-edit',
  input: {
    messages: [
      {
        role: 'user',
        content: [
          { image: INPUTS[0] },
          { image: INPUTS[1] },
          { image: INPUTS[2] },
          { text: 'The girl in Image 1 wears the black dress from Image 2 and sits down in the pose from Image 3.' },
        ],
      },
    ],
  },
  parameters: { n: 2, negative_prompt: ' ', watermark: false },
}

// ---- documented responses ----------------------------------------------------------------------

const DOC_T2I_SYNC = {
  output: {
    choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: [{ image: 'https://x/xxx.png?Expires=xxxx' }] } }],
    task_metric: { TOTAL: 1, FAILED: 0, SUCCEEDED: 1 },
  },
  usage: { width: 1328, image_count: 1, height: 1328 },
  request_id: '7a270c86-db58-9faf-b403-xxxxxx',
}

const DOC_EDIT = {
  output: {
    choices: [
      {
        finish_reason: 'stop',
        message: { role: 'assistant', content: [{ image: 'https://x/xxx.png?Expires=xxx' }, { image: 'https://x/xxx.png?Expires=xxx' }] },
      },
    ],
  },
  usage: { width: 1248, image_count: 2, height: 832 },
  request_id: 'bf37ca26-0abe-98e4-8065-xxxxxx',
}

const DOC_TASK_CREATED = {
  output: { task_status: 'PENDING', task_id: '0385dc79-5ff8-4d82-bcb6-xxxxxx' },
  request_id: '4909100c-7b5a-9f92-bfe5-xxxxxx',
}

const DOC_TASK_SUCCEEDED = {
  request_id: '7434edb2-3cba-44e6-a772-xxxxxx',
  output: {
    task_id: '878f591e-ebdf-4e45-97eb-xxxxxx',
    task_status: 'SUCCEEDED',
    submit_time: '2025-09-09 11:38:54.741',
    scheduled_time: '2025-09-09 11:38:54.781',
    end_time: '2025-09-09 11:39:19.484',
    results: [{ orig_prompt: PUPPIES, actual_prompt: 'Childhood-inspired …', url: 'https://x/7d/xxx.png?Expires=xxxx' }],
  },
  usage: { image_count: 1 },
}

const DOC_ERROR = { request_id: 'a4d78a5f-655f-9639-8437-xxxxxx', code: 'InvalidParameter', message: 'num_images_per_prompt must be 1' }

/** Key structure of a JSON value: objects by sorted keys, arrays by their first element. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return [shapeOf(value[0])]
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    )
  return typeof value
}

let h: Harness
let webp: Uint8Array
let png: Uint8Array<ArrayBuffer>

beforeAll(async () => {
  webp = fromBase64(WEBP_576x384_BASE64)
  png = await pngFixture(600, 400)
})

afterEach(() => h.sim.close())

/** A simulator that downloads the reference's image URLs from fixtures: no test reaches the internet. */
function withReferenceImages() {
  const served: Record<string, Uint8Array<ArrayBuffer>> = {
    [IMAGE36]: new Uint8Array(webp),
    ...Object.fromEntries(INPUTS.map((u) => [u, png])),
  }
  const calls: string[] = []
  const testOnlyDownload = async (url: string): Promise<Download> => {
    calls.push(url)
    const bytes = served[url]
    return bytes ? { ok: true, bytes } : { ok: false, reason: 'failed' }
  }
  h = harness({ inputDownload: { testOnlyDownload } })
  return calls
}

describe('the reference curl bodies', () => {
  it('sync text-to-image (puppies poster) -> the documented success body', async () => {
    h = harness()
    const reply = await h.multimodal(T2I_SYNC_BODY)
    expect(reply.status).toBe(200)
    expect(shapeOf(reply.body)).toEqual(shapeOf(DOC_T2I_SYNC))
    const body = MultimodalResponse.parse(reply.body)
    expect(body.usage).toEqual({ width: 1328, height: 1328, image_count: 1 })
    const png = await h.download(body.output.choices[0]!.message.content[0]!.image)
    expect(pngSize(await bytesOf(png))).toEqual({ width: 1328, height: 1328 })
  })

  it('async text-to-image: PENDING with a task id, then SUCCEEDED with orig_prompt and a rewritten actual_prompt', async () => {
    h = harness()
    const created = await h.call('POST', API_PATHS.imageSynthesis, {
      body: T2I_ASYNC_BODY,
      headers: { 'X-DashScope-Async': 'enable' },
    })
    expect(created.status).toBe(200)
    expect(shapeOf(created.body)).toEqual(shapeOf(DOC_TASK_CREATED))
    const id = TaskCreatedResponse.parse(created.body).output.task_id
    h.clock.advance(60_000)
    const reply = await h.task(id)
    const body = TaskQueryResponse.parse(reply.body)
    // The documented keys, plus task_metrics.
    const { task_metrics, ...output } = body.output
    expect(shapeOf({ ...body, output })).toEqual(shapeOf(DOC_TASK_SUCCEEDED))
    expect(task_metrics).toEqual({ TOTAL: 1, SUCCEEDED: 1, FAILED: 0 })
    const result = body.output.results![0] as { orig_prompt: string; actual_prompt: string }
    expect(result.orig_prompt).toBe(PUPPIES)
    expect(result.actual_prompt).not.toBe(PUPPIES)
    expect(quotedTexts(result.actual_prompt)).toEqual(quotedTexts(PUPPIES))
  })

  it('single-image edit (image36.webp, n=2) -> two 1248x832 images, as in the documented example', async () => {
    const calls = withReferenceImages()
    const reply = await h.multimodal(EDIT_SINGLE_BODY)
    expect(reply.status).toBe(200)
    expect(shapeOf(reply.body)).toEqual(shapeOf(DOC_EDIT))
    expect(MultimodalResponse.parse(reply.body).usage).toEqual(DOC_EDIT.usage)
    expect(calls).toEqual([IMAGE36])
  })

  it('multi-image fusion: the example asks qwen-image-edit for n=2, which its own rules refuse; with -plus it works', async () => {
    withReferenceImages()
    const refused = await h.multimodal(EDIT_FUSION_BODY)
    expect(refused.status).toBe(400)
    expect(shapeOf(refused.body)).toEqual(shapeOf(DOC_ERROR))
    expect(ErrorBody.parse(refused.body).message).toMatch(/parameters\.n must be 1 for qwen-image-edit/)

    const reply = await h.multimodal({ ...EDIT_FUSION_BODY, model: 'qwen-image-edit-plus' })
    expect(reply.status).toBe(200)
    expect(shapeOf(reply.body)).toEqual(shapeOf(DOC_EDIT))
    expect(MultimodalResponse.parse(reply.body).usage).toEqual({ width: 1248, height: 832, image_count: 2 })
  })
})
