// @vitest-environment node
import { openDB } from 'idb'
import { describe, expect, it } from 'vitest'
import { DB_VERSION, openStudioDB, UPGRADES, type StudioDB } from './db.ts'

describe('studio database upgrades', () => {
  it('takes a v1 database to the current version with its records intact, and indexes parents', async () => {
    const name = `upgrade-${Math.random()}`
    const v1 = await openDB<StudioDB>(name, 1, { upgrade: (db, _o, _n, tx) => UPGRADES[0]!(db, tx) })
    const base = { createdAt: 1, model: 'qwen-image-edit-plus', region: 'singapore', prompt: 'p', negativePrompt: '', size: '1024*1024', width: 1024, height: 1024, promptExtend: false, watermark: false, index: 0, price: 0, favorite: false, mime: 'image/png', bytes: 1 } as const
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
})
