// @vitest-environment node
/** The 2026 lineup in the simulator: every model's rules, per-model limits, preview access, uploads. */
import { afterEach, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER, OSS_RESOLVE_HEADER } from '../shared/api-paths.ts'
import { MODELS } from '../shared/models.ts'
import { MultimodalResponse } from '../shared/schemas.ts'
import { bytesOf, errorOf, harness, imagesOf, pngFixture, pngSize, usageOf, type Harness } from '../testing/simulator-harness.ts'
import { dataUrl, gifHeader } from '../testing/test-images.ts'

let h: Harness
afterEach(() => h?.sim.close())

const downloadSize = async (url: string) => pngSize(await bytesOf(await h.download(url)))

describe('every model answers with its own rules', () => {
  it('text to image on every t2i/both model, edits on every edit/both model (preview granted)', { timeout: 90_000 }, async () => {
    h = harness({ submitPerSecond: 100, previewAccess: true })
    const input = dataUrl('image/png', await pngFixture(600, 400))
    const rows: string[] = []
    for (const m of MODELS) {
      const t2i = m.kind !== 'edit' ? await h.t2i('a "LINEUP" poster', { seed: 1 }, m.id) : undefined
      const edit = m.kind !== 't2i' ? await h.edit([input], 'make it blue', { seed: 1 }, m.id) : undefined
      for (const r of [t2i, edit]) if (r) expect(r.status, `${m.id}: ${JSON.stringify(r.body)}`).toBe(200)
      const u = (r?: typeof t2i) => (r ? `${usageOf(r).width}x${usageOf(r).height}` : '-')
      rows.push(`${m.id} t2i=${u(t2i)} edit=${u(edit)}`)
    }
    console.log(rows.join('\n'))
    expect(rows).toContain('qwen-image-max t2i=1664x928 edit=-')
    expect(rows).toContain('qwen-image-2.0-pro t2i=2048x2048 edit=1248x832')
    expect(rows).toContain('qwen-image-edit-max t2i=- edit=1248x832')
  })

  it('2.0-pro at 2048*872 comes out snapped to 2048*864; n=4 on 2.0 gives 4 images and no task_metric', async () => {
    h = harness({ submitPerSecond: 100 })
    const wide = await h.t2i('a banner', { size: '2048*872', seed: 3 }, 'qwen-image-2.0-pro')
    expect(usageOf(wide)).toEqual({ width: 2048, height: 864, image_count: 1 })
    expect(await downloadSize(imagesOf(wide)[0]!)).toEqual({ width: 2048, height: 864 })
    const four = await h.t2i('four cats', { n: 4, size: '1024*1024' }, 'qwen-image-2.0')
    const body = MultimodalResponse.parse(four.body)
    expect(imagesOf(four)).toHaveLength(4)
    expect(body.output.task_metric).toBeUndefined()
    expect(body.usage.image_count).toBe(4)
    const tall = await h.t2i('a tall one', { size: '1536*2688' }, 'qwen-image-2.0')
    expect(usageOf(tall)).toMatchObject({ width: 1536, height: 2688 })
    const tooBig = await h.t2i('x', { size: '2688*2048' }, 'qwen-image-2.0')
    expect(tooBig.status).toBe(400)
    expect(errorOf(tooBig).message).toContain('between 512*512 and 2048*2048 pixels')
  })

  it('edit-max at a custom size snaps to 16 (1033*1032 -> 1040*1024); without size it follows the last input', async () => {
    h = harness({ submitPerSecond: 100 })
    const a = dataUrl('image/png', await pngFixture(600, 400))
    const b = dataUrl('image/png', await pngFixture(400, 600))
    const custom = await h.edit([a], 'x', { size: '1033*1032', n: 2 }, 'qwen-image-edit-max')
    expect(usageOf(custom)).toEqual({ width: 1040, height: 1024, image_count: 2 })
    expect(await downloadSize(imagesOf(custom)[1]!)).toEqual({ width: 1040, height: 1024 })
    const last = await h.edit([a, b], 'x', {}, 'qwen-image-edit-max')
    expect(usageOf(last)).toMatchObject({ width: 832, height: 1248 })
    const side = await h.edit([a], 'x', { size: '2100*1024' }, 'qwen-image-edit-plus')
    expect(errorOf(side).message).toContain('each side between 512 and 2048')
  })

  it('GIF inputs are read (first frame) by the edit models', async () => {
    h = harness()
    const gif = new Uint8Array([...gifHeader(500, 400), 0x2c, 0, 0, 0, 0, 0xf4, 0x01, 0x90, 0x01, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3b])
    const reply = await h.edit([dataUrl('image/gif', gif)], 'x', {}, 'qwen-image-edit-plus')
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(usageOf(reply)).toMatchObject({ width: 1152, height: 912 })
  })

  it('fixed sizes: 1472*1104 and the 2025 spelling 1472*1140 are both accepted; the output is 1104', async () => {
    h = harness({ submitPerSecond: 100 })
    expect(usageOf(await h.t2i('x', { size: '1472*1104' }, 'qwen-image-max'))).toMatchObject({ width: 1472, height: 1104 })
    expect(usageOf(await h.t2i('x', { size: '1472*1140' }, 'qwen-image-max'))).toMatchObject({ width: 1472, height: 1104 })
    h.sim.configure({ refuseSizes: ['1472*1140'] })
    const refused = await h.t2i('x', { size: '1472*1140' }, 'qwen-image-max')
    expect([refused.status, errorOf(refused).code]).toEqual([400, 'InvalidParameter'])
    expect(errorOf(refused).message).toContain('size')
  })
})

describe('endpoints', () => {
  it('sync-only models refuse the async path; the sync endpoint refuses X-DashScope-Async', async () => {
    h = harness()
    for (const model of ['qwen-image-max', 'qwen-image-2.0-pro', 'qwen-image-plus-2026-01-09']) {
      const r = await h.submit('x', {}, {}, model)
      expect([r.status, errorOf(r).code], model).toEqual([400, 'InvalidParameter'])
      expect(errorOf(r).message).toContain('does not support asynchronous calls')
    }
    expect((await h.submit('x', {}, {}, 'qwen-image-plus')).status).toBe(200)
    const asyncMmg = await h.t2i('x', {}, 'qwen-image-max', { headers: { [ASYNC_HEADER]: 'enable' } })
    expect([asyncMmg.status, errorOf(asyncMmg).code, errorOf(asyncMmg).message]).toEqual([
      403,
      'AccessDenied',
      'current user api does not support asynchronous calls',
    ])
  })
})

describe('per-model rate limits', () => {
  it('the max models take 2 a minute (Throttling.RateQuota), others are not held back by them', async () => {
    h = harness({ minuteMs: 8000, submitPerSecond: 100 })
    const sent = [await h.t2i('1', {}, 'qwen-image-max'), await h.t2i('2', {}, 'qwen-image-max')]
    expect(sent.map((r) => r.status)).toEqual([200, 200])
    const third = await h.t2i('3', {}, 'qwen-image-max')
    expect([third.status, errorOf(third).code]).toEqual([429, 'Throttling.RateQuota'])
    expect((await h.t2i('other', {}, 'qwen-image-2.0')).status).toBe(200)
    h.clock.advance(7999)
    expect((await h.t2i('4', {}, 'qwen-image-max')).status).toBe(429)
    h.clock.advance(1)
    expect((await h.t2i('5', {}, 'qwen-image-max')).status).toBe(200)
    console.log('max model: 2 accepted, 3rd refused at +0 ms and +7999 ms, accepted at +8000 ms (minute = 8000 ms)')
  })
})

describe('preview access', () => {
  it('qwen-image-3.0-pro answers Model.AccessDenied unless the account is granted it', async () => {
    h = harness()
    const denied = await h.t2i('x', {}, 'qwen-image-3.0-pro')
    expect([denied.status, errorOf(denied).code]).toEqual([403, 'Model.AccessDenied'])
    expect(errorOf(denied).message).toContain('Model access denied.')
    h.sim.configure({ previewAccess: true })
    const granted = await h.t2i('x', {}, 'qwen-image-3.0-pro')
    expect(granted.status).toBe(200)
    expect((await h.admin('POST', '/config', { previewAccess: false })).status).toBe(200)
    expect((await h.t2i('x', {}, 'qwen-image-3.0-pro')).status).toBe(403)
  })
})

describe('temporary file upload', () => {
  async function upload(model: string, bytes: Uint8Array, name = 'cat.png') {
    const policy = await h.call('GET', `${API_PATHS.uploads}?action=getPolicy&model=${model}`)
    expect(policy.status).toBe(200)
    const data = (policy.body as { data: Record<string, string> }).data
    const form = new FormData()
    form.set('OSSAccessKeyId', data.oss_access_key_id!)
    form.set('Signature', data.signature!)
    form.set('policy', data.policy!)
    form.set('x-oss-object-acl', data.x_oss_object_acl!)
    form.set('x-oss-forbid-overwrite', data.x_oss_forbid_overwrite!)
    form.set('key', `${data.upload_dir}/${name}`)
    form.set('success_action_status', '200')
    form.set('file', new Blob([bytes as BlobPart], { type: 'image/png' }), name)
    const posted = await h.sim.fetch(new Request(data.upload_host!, { method: 'POST', body: form }))
    return { data, posted, key: `${data.upload_dir}/${name}` }
  }

  it('getPolicy answers the documented fields; the file posted to upload_host is usable as oss://', async () => {
    h = harness()
    const png = await pngFixture(640, 480)
    const { data, posted, key } = await upload('qwen-image-edit-plus', png)
    expect(Object.keys(data).sort()).toEqual(
      [
        'capacity_limit_mb',
        'expire_in_seconds',
        'max_file_size_mb',
        'oss_access_key_id',
        'policy',
        'signature',
        'upload_dir',
        'upload_host',
        'x_oss_forbid_overwrite',
        'x_oss_object_acl',
      ].sort(),
    )
    expect(posted.status).toBe(200)
    const body = {
      model: 'qwen-image-edit-plus',
      input: { messages: [{ role: 'user', content: [{ image: `oss://${key}` }, { text: 'make it blue' }] }] },
    }
    const without = await h.multimodal(body)
    expect([without.status, errorOf(without).message]).toEqual([400, expect.stringContaining('X-DashScope-OssResourceResolve: enable')])
    const resolved = await h.multimodal(body, { headers: { [OSS_RESOLVE_HEADER]: 'enable' } })
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200)
    expect(usageOf(resolved)).toMatchObject({ width: 1184, height: 880 })
    const other = await h.multimodal({ ...body, model: 'qwen-image-edit-max' }, { headers: { [OSS_RESOLVE_HEADER]: 'enable' } })
    expect(errorOf(other).message).toContain('was uploaded for qwen-image-edit-plus')
  })

  it('refuses a wrong signature, a key outside upload_dir, an overwrite, and an unknown action', async () => {
    h = harness()
    const png = await pngFixture(400, 400)
    const { data, key } = await upload('qwen-image-2.0', png)
    const again = await upload('qwen-image-2.0', png)
    const form = (over: Record<string, string>) => {
      const f = new FormData()
      const fields = {
        OSSAccessKeyId: again.data.oss_access_key_id!,
        Signature: again.data.signature!,
        policy: again.data.policy!,
        key: `${again.data.upload_dir}/b.png`,
        ...over,
      }
      for (const [k, v] of Object.entries(fields)) f.set(k, v)
      f.set('file', new Blob([png]), 'b.png')
      return f
    }
    const post = (f: FormData) => h.sim.fetch(new Request(data.upload_host!, { method: 'POST', body: f }))
    expect((await post(form({ Signature: 'nope' }))).status).toBe(403)
    expect((await post(form({ key: 'elsewhere/b.png' }))).status).toBe(403)
    expect((await post(form({ key: again.key }))).status).toBe(409)
    expect(key).not.toBe(again.key)
    expect((await h.call('GET', `${API_PATHS.uploads}?action=list`)).status).toBe(400)
    expect((await h.call('GET', `${API_PATHS.uploads}?action=getPolicy&model=nope`)).status).toBe(404)
    expect((await h.call('GET', `${API_PATHS.uploads}?action=getPolicy&model=qwen-image`, { key: null })).status).toBe(401)
  })
})
