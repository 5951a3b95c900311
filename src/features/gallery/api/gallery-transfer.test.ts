// @vitest-environment node
import 'fake-indexeddb/auto'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keepImages } from '../../../lib/image-store.ts'
import { parseThumb, thumbBlob } from '../../../lib/thumb-rows.ts'
import { bytesOf, freshDB, makeImage } from '../../../testing/gallery-fixtures.ts'
import { readPngParametersFromBytes } from '../files/png-parameters.ts'
import { exportGallery, importGallery } from './gallery-transfer.ts'
import type { DBProvider } from './gallery-repo.ts'

async function snapshot(db: DBProvider) {
  const conn = await db()
  const records = await conn.getAll('images')
  return Promise.all(
    records.map(async (r) => {
      const stored = parseThumb(await conn.get('thumbs', r.id))
      const thumb = stored && thumbBlob(stored)
      return {
        record: r,
        image: await bytesOf((await conn.get('imageBytes', r.id))?.blob),
        thumb: thumb && { bytes: await bytesOf(thumb), type: thumb.type },
      }
    }),
  )
}

const noThumb = () => Promise.resolve(null)

describe('gallery zip', () => {
  it('exports and imports records, bytes and thumbnails identically, deduplicated by id', async () => {
    const source = freshDB()
    await keepImages(
      [makeImage({ prompt: '一只猫' }, 10), makeImage({ kind: 'input' }, 20), makeImage({ favorite: true }, 30)],
      undefined,
      await source(),
    )
    const { zip, count } = await exportGallery(source)
    expect(count).toBe(3)

    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      records: { id: string }[]
      files: Record<string, { image: string }>
    }
    expect(manifest.records).toHaveLength(3)
    expect(Object.keys(files).filter((f) => f.startsWith('images/') && f.endsWith('.png'))).toHaveLength(3)

    const target = freshDB()
    expect(await importGallery(target, zip, { makeThumb: noThumb })).toMatchObject({ imported: 3, present: 0, skipped: 0 })
    const byId = (s: Awaited<ReturnType<typeof snapshot>>) => s.sort((a, b) => (a.record.id < b.record.id ? -1 : 1))
    expect(byId(await snapshot(target))).toEqual(byId(await snapshot(source)))

    expect(await importGallery(target, zip, { makeThumb: noThumb })).toMatchObject({ imported: 0, present: 3 })
    expect(await importGallery(source, zip, { makeThumb: noThumb })).toMatchObject({ imported: 0, present: 3 })
  })

  it('names images by date, seed and prompt; each PNG inside restores its parameters alone; hashes and bare links in the manifest', async () => {
    const source = freshDB()
    const signed =
      'https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/1d/ab/result.png?Expires=1760086400&OSSAccessKeyId=LTAI5t&Signature=abc%3D'
    const images = [
      makeImage({ prompt: '一张海报，标题是“夏日促销”', seed: 42, remoteUrl: signed, remoteExpiresAt: 1_760_086_400_000 }, 10),
      makeImage({ prompt: '一张海报，标题是“夏日促销”', seed: 42 }, 20), // same name: made unique
      makeImage({ kind: 'edit', prompt: 'Make the sky purple', model: 'qwen-image-edit-plus', parentIds: ['in-1'] }, 30),
    ]
    await keepImages(images, undefined, await source())
    const files = unzipSync(new Uint8Array(await (await exportGallery(source)).zip.arrayBuffer()))
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      version: number
      records: { id: string; remoteUrl?: string }[]
      files: Record<string, { image: string; sha256: string; stamped: boolean }>
    }
    expect(manifest.version).toBe(2)
    const names = images.map((i) => manifest.files[i.record.id]!.image)
    console.log(`zip names: ${names.join(', ')}`)
    // exported newest first: the later of two same-named images gets the plain name
    expect(names[1]).toMatch(/^images\/2025-10-\d\d_42_一张海报-标题是-夏日促销\.png$/)
    expect(names[0]).toBe(names[1]!.replace('.png', '-2.png'))
    expect(names[2]).toMatch(/^images\/2025-10-\d\d_\d+_make-the-sky-purple\.png$/)
    expect(manifest.records.find((r) => r.id === images[0]!.record.id)?.remoteUrl).toBe(signed.split('?')[0])
    expect(JSON.stringify(manifest)).not.toMatch(/Signature|Expires=|OSSAccessKeyId/)
    for (const { record, blob } of images) {
      const entry = manifest.files[record.id]!
      const kept = new Uint8Array(await blob.arrayBuffer())
      expect(entry).toMatchObject({ stamped: true, sha256: createHash('sha256').update(kept).digest('hex') })
      const inside = files[entry.image]!
      expect(inside.length).toBeGreaterThan(kept.length)
      expect(readPngParametersFromBytes(inside)).toMatchObject({
        prompt: record.prompt,
        seed: record.seed,
        model: record.model,
        kind: record.kind,
      })
    }
    expect(readPngParametersFromBytes(files[names[2]!]!)?.inputIds).toEqual(['in-1'])

    const target = freshDB()
    expect(await importGallery(target, new Blob([zipSync(files)]), { makeThumb: noThumb })).toMatchObject({ imported: 3, skipped: 0 })
    for (const { record, blob } of images)
      expect(await bytesOf((await (await target()).get('imageBytes', record.id))?.blob)).toEqual(await bytesOf(blob))

    // a stamped PNG changed inside the zip no longer matches its hash: skipped, not imported
    const tampered = files[names[2]!]!.slice()
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff
    const other = freshDB()
    expect(await importGallery(other, new Blob([zipSync({ ...files, [names[2]!]: tampered })]), { makeThumb: noThumb })).toMatchObject({
      imported: 2,
      skipped: 1,
    })
  })

  it('exports thumbnails stored as Blobs before DB v4 too; they come back inline, byte for byte', async () => {
    const source = freshDB()
    const img = makeImage()
    await keepImages([img], undefined, await source())
    await (await source()).put('thumbs', { id: img.record.id, blob: img.thumb }) // as written up to v3
    const target = freshDB()
    await importGallery(target, (await exportGallery(source)).zip, { makeThumb: noThumb })
    expect(await snapshot(target)).toEqual(await snapshot(source))
    const row = await (await target()).get('thumbs', img.record.id)
    expect(row && 'bytes' in row).toBe(true)
  })

  it('exports a selection only', async () => {
    const db = freshDB()
    const [a, b] = [makeImage(), makeImage()]
    await keepImages([a, b], undefined, await db())
    const { count, zip } = await exportGallery(db, [b.record.id])
    expect(count).toBe(1)
    const target = freshDB()
    expect((await importGallery(target, zip, { makeThumb: noThumb })).ids).toEqual([b.record.id])
  })

  it('skips damaged entries, makes missing thumbnails, and refuses what is not a gallery zip', async () => {
    const good = makeImage()
    const bad = makeImage()
    const zip = zipSync({
      'manifest.json': strToU8(
        JSON.stringify({
          app: 'qwen-image-studio',
          version: 1,
          exportedAt: 1,
          records: [good.record, bad.record, { id: 'junk' }],
          files: { [good.record.id]: { image: 'images/good.png' }, [bad.record.id]: { image: 'images/bad.png' } },
        }),
      ),
      'images/good.png': new Uint8Array(await good.blob.arrayBuffer()),
      'images/bad.png': new Uint8Array(3), // not the size its record says
    })
    const db = freshDB()
    const thumb = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' })
    expect(await importGallery(db, new Blob([zip]), { makeThumb: () => Promise.resolve(thumb) })).toMatchObject({ imported: 1, skipped: 2 })
    expect(await (await db()).get('thumbs', good.record.id)).toEqual({
      id: good.record.id,
      createdAt: good.record.createdAt,
      bytes: new Uint8Array([1, 2, 3]).buffer,
      type: 'image/webp',
    })

    await expect(importGallery(db, new Blob([zipSync({ 'a.txt': strToU8('hi') })]))).rejects.toThrow(/no manifest/)
    await expect(importGallery(db, new Blob(['not a zip']))).rejects.toThrow(/Not a zip/)
  })
})
