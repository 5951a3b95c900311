/**
 * Reading the catalog in pages, newest first, from the by-created index: one getAllRecords request
 * per page where the browser has it (Chromium 141+), else a cursor. Rows are re-parsed a chunk
 * per task (a damaged record is skipped and counted), so a large page never blocks the main
 * thread for long.
 */
import { unwrap } from 'idb'
import type { ImageRecord, StoredThumb } from '../../../lib/records.ts'
import { parseThumb } from '../../../lib/thumb-rows.ts'
import { FIRST_SCREEN, takeFirstRows, type FirstRows } from '../../../lib/first-read.ts'
import { createdOf, newestOf, newestRows, type CreatedCursor, type RawRow } from '../../../lib/newest-rows.ts'
import { parseRecord, type DBProvider } from './gallery-repo.ts'

/** Position in the newest-first order: (createdAt, id), both descending. */
export type CatalogCursor = CreatedCursor

export interface CatalogPage {
  records: ImageRecord[]
  /** Rows in this page that failed to parse (skipped). */
  damaged: number
  /** Where the next page starts; null when this page reached the oldest record. */
  end: CatalogCursor | null
}

/** Rows parsed per task, so a large page never blocks the main thread for long. */
const PARSE_CHUNK = 200

interface FirstScreen {
  page: CatalogPage
  /** By record id: the thumbnail, null when none is stored, undefined when it could not be read here. */
  thumbs: Map<string, Promise<StoredThumb | null | undefined>>
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Up to `limit` records after `after`, newest first, from the by-created index (ties in createdAt
 * come in descending id order, as the index gives them). Rows are parsed a chunk per task.
 */
export async function readCatalogPage(db: DBProvider, after: CatalogCursor | null, limit: number): Promise<CatalogPage> {
  const conn = await db()
  const index = unwrap(conn.transaction('images').store.index('by-created'))
  return parseRows(await newestRows(index, after, limit))
}

/**
 * The first page, and the thumbnails of its first `thumbs` records: the newest thumbnails are read
 * from the thumbs store's by-created index together with the records (one round trip, the first
 * screen's critical path). A first-screen record whose thumbnail is not among them (a row stored
 * before DB v4, not indexed until converted) has it read by id, in the same transaction. A
 * thumbnail that cannot be read this way resolves to undefined (read it again on its own). Rows
 * the first read (lib/first-read.ts) took before the studio loaded are used once, in place of a read.
 */
export async function readFirstScreen(db: DBProvider, limit: number, thumbs: number): Promise<FirstScreen> {
  const early = limit === FIRST_SCREEN.records && thumbs === FIRST_SCREEN.thumbs ? await takeFirstRows() : undefined
  if (early) return firstScreenOf(early)
  const tx = (await db()).transaction(['images', 'thumbs'])
  const records = unwrap(tx.objectStore('images').index('by-created'))
  const newestThumbs = unwrap(tx.objectStore('thumbs').index('by-created'))
  const [rows, thumbRows] = await Promise.all([
    newestRows(records, null, limit),
    newestRows(newestThumbs, null, thumbs).catch(() => undefined),
  ])
  const newest = new Map(thumbRows?.rows.map((r) => [r.id, parseThumb(r.value)]))
  const store = tx.objectStore('thumbs')
  const read = new Map(
    rows.rows.slice(0, thumbs).map((r) => {
      const thumb = newest.get(r.id)
      const row = thumb
        ? Promise.resolve(thumb)
        : store.get(r.id).then(
            (value) => parseThumb(value) ?? null,
            () => undefined,
          )
      return [r.id, row] as const
    }),
  )
  return { page: await parseRows(rows), thumbs: read }
}

/**
 * readFirstScreen's answer from the rows read before the studio loaded (lib/first-read.ts). A
 * first-screen record whose thumbnail is not among the newest thumbnails resolves to undefined:
 * its cell reads it.
 */
async function firstScreenOf(early: FirstRows): Promise<FirstScreen> {
  const rows = newestOf(early.records, FIRST_SCREEN.records)
  const newest = new Map(newestOf(early.thumbs, FIRST_SCREEN.thumbs).rows.map((r) => [r.id, parseThumb(r.value)]))
  const thumbs = new Map(rows.rows.slice(0, FIRST_SCREEN.thumbs).map((r) => [r.id, Promise.resolve(newest.get(r.id))] as const))
  return { page: await parseRows(rows), thumbs }
}

async function parseRows({ rows, more }: { rows: RawRow[]; more: boolean }): Promise<CatalogPage> {
  const records: ImageRecord[] = []
  let damaged = 0
  for (let i = 0; i < rows.length; i += PARSE_CHUNK) {
    if (i > 0) await nextTask()
    for (const row of rows.slice(i, i + PARSE_CHUNK)) {
      const record = parseRecord(row.value)
      if (record) records.push(record)
      else damaged++
    }
  }
  const last = rows.at(-1)
  return { records, damaged, end: more && last ? { createdAt: createdOf(last.value), id: last.id } : null }
}
