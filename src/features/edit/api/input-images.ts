/** Adding edit inputs: the bytes are kept in IndexedDB at once (kind 'input'), so lineage survives. */
import { keepImages } from '../../../lib/image-store.ts'
import { makeThumbnail } from '../../../lib/thumbnail.ts'
import type { Region } from '../../../shared/models.ts'
import type { Inspection } from '../inspect-file.ts'

/** A neutral thumbnail for inputs this browser cannot decode (TIFF). */
async function placeholderThumb(): Promise<Blob> {
  const canvas = new OffscreenCanvas(64, 64)
  const ctx = canvas.getContext('2d')
  if (ctx) {
    ctx.fillStyle = '#3f3f46'
    ctx.fillRect(0, 0, 64, 64)
  }
  return canvas.convertToBlob({ type: 'image/webp' })
}

export async function keepInput(blob: Blob, inspection: Inspection, region: Region): Promise<string> {
  const id = `input-${crypto.randomUUID()}`
  const typed = blob.type === inspection.mime ? blob : new Blob([blob], { type: inspection.mime })
  const thumb = inspection.decodable ? (await makeThumbnail(typed)).blob : await placeholderThumb()
  await keepImages([
    {
      record: {
        id,
        createdAt: Date.now(),
        kind: 'input',
        model: '',
        region,
        prompt: inspection.name,
        size: `${inspection.facts.width}*${inspection.facts.height}`,
        width: inspection.facts.width,
        height: inspection.facts.height,
        promptExtend: false,
        watermark: false,
        mime: inspection.mime,
        bytes: typed.size,
      },
      blob: typed,
      thumb,
    },
  ])
  return id
}
