/**
 * Downloads that carry their parameters: an iTXt chunk 'qwen-image-studio' with the studio's JSON,
 * and a 'parameters' chunk in A1111's layout (tEXt, or iTXt when the text is not Latin-1) that
 * other image tools read. Reading prefers the studio's JSON and falls back to the A1111 text.
 */
import { formatA1111, parseA1111 } from './a1111-parameters.ts'
import { encodeChunks, extractChunks, insertChunks, isPng, type PngChunk } from './png-chunks.ts'
import { decodeTextChunk, iTXtChunk, textChunk } from './png-text.ts'
import { FileImageParams, StudioImageParams } from './studio-params.ts'

export const STUDIO_KEYWORD = 'qwen-image-studio'
export const A1111_KEYWORD = 'parameters'
/** Bumped when the JSON's meaning changes; readers accept any version they can parse. */
const JSON_VERSION = 1

const isStamp = (c: PngChunk) => {
  const keyword = decodeTextChunk(c)?.keyword
  return keyword === STUDIO_KEYWORD || keyword === A1111_KEYWORD
}

/** The studio's JSON for these parameters, as the PNG chunk (and the XMP of other formats) hold it. */
export function studioJson(params: StudioImageParams): string {
  return JSON.stringify({ version: JSON_VERSION, ...StudioImageParams.parse(params) })
}

/** The PNG with the parameters stamped in before the pixels (older stamps replaced). */
export function stampPngParameters(png: Uint8Array, params: StudioImageParams): Uint8Array<ArrayBuffer> {
  return insertChunks(png, [iTXtChunk(STUDIO_KEYWORD, studioJson(params)), textChunk(A1111_KEYWORD, formatA1111(params))], isStamp)
}

/** The PNG without the stamp's two chunks: what the vendor sent, when the stamp was all that was added. */
export function unstampPngParameters(png: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeChunks(extractChunks(png).filter((c) => !isStamp(c)))
}

function fromJson(text: string): FileImageParams | undefined {
  try {
    const parsed = FileImageParams.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

export function readPngParametersFromBytes(bytes: Uint8Array): FileImageParams | undefined {
  if (!isPng(bytes)) return undefined
  let texts
  try {
    texts = extractChunks(bytes)
      .filter((c) => c.crcOk)
      .map(decodeTextChunk)
  } catch {
    return undefined
  }
  const studio = texts.find((t) => t?.keyword === STUDIO_KEYWORD)
  const fromStudio = studio && fromJson(studio.text)
  if (fromStudio) return fromStudio
  const a1111 = texts.find((t) => t?.keyword === A1111_KEYWORD)
  return a1111 ? parseA1111(a1111.text) : undefined
}

/** The parameters a PNG carries (the studio's own, else A1111's), as written, or undefined. */
export async function readPngParameters(blob: Blob): Promise<FileImageParams | undefined> {
  return readPngParametersFromBytes(new Uint8Array(await blob.arrayBuffer()))
}
