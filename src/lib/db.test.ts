// @vitest-environment node
import { openDB } from 'idb'
import { describe, expect, it } from 'vitest'
import { DB_VERSION, LEGACY_THUMBS, openStudioDB, UPGRADES, type StudioDB } from './db.ts'

const base = {
  createdAt: 1,
  model: 'qwen-image-edit-plus',
  region: 'singapore',
  prompt: 'p',
  negativePrompt: '',
  size: '1024*1024',
  width: 1024,
  height: 1024,
  outputs: 1,
  promptExtend: false,
  watermark: false,
  index: 0,
  price: 0,
  favorite: false,
  mime: 'image/png',
  bytes: 1,
} as const

/** A database at `version`, built with the steps up to it. */
function openAt(name: string, version: number) {
  return openDB<StudioDB>(name, version, {
    upgrade: (db, oldVersion, _n, tx) => {
      for (let v = oldVersion; v < version; v++) UPGRADES[v]!(db, tx)
    },
  })
}

describe('studio database upgrades', () => {
  it('takes a v1 database to the current version with its records intact, and indexes parents', async () => {
    const name = `upgrade-${Math.random()}`
    const v1 = await openAt(name, 1)
    await v1.put('images', { ...base, id: 'in', kind: 'input', parentIds: [] })
    await v1.put('images', { ...base, id: 'out-a', kind: 'edit', parentIds: ['in', 'other'] })
    await v1.put('images', { ...base, id: 'out-b', kind: 'edit', parentIds: ['in'] })
    v1.close()

    const db = await openStudioDB(name)
    expect(db.version).toBe(DB_VERSION)
    expect(DB_VERSION).toBeGreaterThanOrEqual(3)
    expect((await db.getAll('images')).map((r) => r.id).sort()).toEqual(['in', 'out-a', 'out-b'])
    expect(await db.getAllKeysFromIndex('images', 'by-parent', 'in')).toEqual(['out-a', 'out-b'])
    expect(await db.getAllKeysFromIndex('images', 'by-kind', 'edit')).toEqual(['out-a', 'out-b'])
    db.close()
  })

  it('v3 -> v4 keeps Blob thumbnails as they are and notes that they need converting', async () => {
    const name = `upgrade-${Math.random()}`
    const v3 = await openAt(name, 3)
    const blob = new Blob([new Uint8Array([9, 8, 7])], { type: 'image/webp' })
    await v3.put('thumbs', { id: 'a', blob })
    v3.close()

    const db = await openStudioDB(name)
    expect(DB_VERSION).toBeGreaterThanOrEqual(4)
    expect(await db.get('meta', LEGACY_THUMBS)).toBe(true)
    const row = await db.get('thumbs', 'a')
    expect(row && 'blob' in row ? [...new Uint8Array(await row.blob.arrayBuffer())] : row).toEqual([9, 8, 7])
    // thumbnails by their image's time: inline rows are in the index, Blob rows not (until converted)
    await db.put('thumbs', { id: 'b', createdAt: 7, bytes: new Uint8Array([1]).buffer, type: 'image/webp' })
    expect(await db.getAllKeysFromIndex('thumbs', 'by-created')).toEqual(['b'])
    db.close()
  })

  it('leaves no note when there is nothing to convert: a new database, or one without thumbnails', async () => {
    const fresh = await openStudioDB(`fresh-${Math.random()}`)
    expect(await fresh.get('meta', LEGACY_THUMBS)).toBeUndefined()
    fresh.close()

    const name = `upgrade-${Math.random()}`
    ;(await openAt(name, 3)).close()
    const db = await openStudioDB(name)
    expect(await db.get('meta', LEGACY_THUMBS)).toBeUndefined()
    db.close()
  })
})

describe('the schema version', () => {
  it('has one upgrade step per version', () => {
    expect(UPGRADES).toHaveLength(DB_VERSION)
  })
})
