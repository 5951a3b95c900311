/**
 * Judging a file the user offers as an edit input, in the browser: format and size from its
 * header (the contract's rules), decodability by actually decoding it, and the fixes on offer.
 */
import { t } from '@lingui/core/macro'
import { imageIssue, mimeForFormat, sniffImage, type ImageFacts, type ImageIssue } from '../../shared/image-input.ts'
import { acceptedFormatsText } from '../../lib/i18n/accepted-formats.ts'
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

/** The contract's verdict on `name`, as a sentence in the active language. */
function issueText(name: string, issue: ImageIssue): string {
  const accepted = acceptedFormatsText()
  switch (issue.kind) {
    case 'undecodable':
      return t`“${name}” is not an image that can be decoded (accepted: ${accepted})`
    case 'format':
      return t`“${name}” is a ${issue.format} file; accepted formats are ${accepted}`
    case 'mime':
      return t`“${name}” is declared as ${issue.declared} but its bytes are ${issue.format}`
    case 'bytes': {
      const mb = issue.mb.toFixed(1)
      const maxMb = issue.maxMb
      return t`“${name}” is ${mb} MB; the limit is ${maxMb} MB`
    }
    case 'pixels': {
      const { width, height, min, max } = issue
      return t`“${name}” is ${width}x${height} px; width and height must each be between ${min} and ${max} px`
    }
  }
}

export async function inspectImageFile(file: Blob, name: string): Promise<InspectResult> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
  const facts = sniffImage(head, file.size)
  const accepted = acceptedFormatsText()
  if (!facts) return { ok: false, error: t`“${name}” is not an image (accepted: ${accepted}).` }
  const mime = mimeForFormat(facts.format)
  const format = facts.format.toUpperCase()
  if (!mime) return { ok: false, error: t`“${name}” is a ${format} image; accepted formats are ${accepted}.` }
  const decodable = await canDecode(file)
  if (!decodable && facts.format !== 'tiff')
    return { ok: false, error: t`“${name}” looks like a ${format} file but cannot be decoded; it may be damaged.` }
  const issue = imageIssue(facts)
  return {
    ok: true,
    inspection: {
      name,
      facts,
      mime,
      decodable,
      sizeFix: sizeFix(facts),
      tooManyBytes: !fitsBytes(facts.bytes),
      problem: issue ? issueText(name, issue) : null,
    },
  }
}
