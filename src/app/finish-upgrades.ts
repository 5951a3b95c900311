/**
 * Database work an upgrade leaves for after open (db.ts), started once the studio is up so that it
 * never competes with the first screen's reads. Its code loads only when there is work to do.
 */
import { LEGACY_THUMBS, studioDB } from '../lib/db.ts'

const AFTER_MS = 10_000

async function finishUpgrades() {
  const db = await studioDB()
  if (!(await db.get('meta', LEGACY_THUMBS))) return
  const { convertLegacyThumbs } = await import('../lib/thumb-conversion.ts')
  await convertLegacyThumbs(db)
}

export function finishUpgradesLater() {
  if (typeof indexedDB === 'undefined') return
  setTimeout(() => {
    // A full disk has been announced (storage-full); anything else leaves the rows to the next start.
    finishUpgrades().catch((error: unknown) => console.warn('Converting stored thumbnails did not finish:', error))
  }, AFTER_MS)
}
