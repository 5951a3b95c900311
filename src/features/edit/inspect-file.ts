/**
 * Judging a file the user offers as an edit input, in the browser: format and size from its
 * header (the contract's rules), decodability by actually decoding it, and the fixes on offer.
 */
import { ACCEPTED_FORMATS_TEXT, checkImageFacts, mimeForFormat, sniffImage, type ImageFacts } from '../../shared/image-input.ts'
import { fitsBytes, sizeFix, type SizeFix } from './image-fit.ts'

const HEAD_BYTES = 512 * 1024

export interface Inspection {
  name: string
  facts: ImageFacts
  /** The mime type a data: URL of this file must carry. */
  mime: string
  /** Whether this browser can decode it (needed for previews and fixes; TIFF usually not). */
  decodable: boolean
  sizeFix: SizeFix
  tooManyBytes: boolean
  /** The contract's verdict, as a sentence about the file; null when it can be sent as is. */
  problem: string | null
}

export type InspectResult = { ok: true; inspection: Inspection } | { ok: false; error: string }

async function canDecode(file: Blob): Promise<boolean> {
  try {
    const bitmap = await createImageBitmap(file)
    bitmap.close()
    return true
  } catch {
    return false
  }
}

export async function inspectImageFile(file: Blob, name: string): Promise<InspectResult> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
  const facts = sniffImage(head, file.size)
  if (!facts) return { ok: false, error: `“${name}” is not an image (accepted: ${ACCEPTED_FORMATS_TEXT}).` }
  const mime = mimeForFormat(facts.format)
  if (!mime)
    return { ok: false, error: `“${name}” is a ${facts.format.toUpperCase()} image; accepted formats are ${ACCEPTED_FORMATS_TEXT}.` }
  const decodable = await canDecode(file)
  if (!decodable && facts.format !== 'tiff')
    return { ok: false, error: `“${name}” looks like a ${facts.format.toUpperCase()} file but cannot be decoded; it may be damaged.` }
  const problem = checkImageFacts(facts)
  return {
    ok: true,
    inspection: {
      name,
      facts,
      mime,
      decodable,
      sizeFix: sizeFix(facts),
      tooManyBytes: !fitsBytes(facts.bytes),
      problem: problem ? `“${name}” ${problem}` : null,
    },
  }
}
