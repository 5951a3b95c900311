/** Writes an image's text check into its record (one transaction), announced on the studio bus. */
import { parseRecord, type DBProvider } from '../image-reads.ts'
import { writeAtomically } from '../image-store.ts'
import type { TextCheck } from '../records.ts'
import { broadcast } from '../studio-bus.ts'

/** Sets `textCheck` on the record; false when the image is gone (deleted meanwhile). */
export async function saveTextCheck(db: DBProvider, id: string, textCheck: TextCheck): Promise<boolean> {
  const saved = await writeAtomically(await db(), ['images'], async (tx) => {
    const store = tx.objectStore('images')
    const current = parseRecord(await store.get(id))
    if (!current) return false
    await store.put({ ...current, textCheck })
    return true
  })
  if (saved) broadcast({ type: 'images-changed', ids: [id] })
  return saved
}
