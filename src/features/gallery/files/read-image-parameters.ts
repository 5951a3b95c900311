/** The parameters a dropped or picked image file carries, as written (judged by the caller). */
import { t } from '@lingui/core/macro'
import { isJpeg } from './jpeg-xmp.ts'
import { isPng } from './png-chunks.ts'
import { readPngParametersFromBytes } from './png-parameters.ts'
import type { FileImageParams } from './studio-params.ts'
import { isWebp } from './webp-xmp.ts'
import { readXmpParameters } from './xmp.ts'

export type ImageParamsResult = { ok: true; params: FileImageParams } | { ok: false; message: string }

/** PNG text chunks, or the XMP of a JPEG or WebP the studio wrote. */
export async function readImageParameters(file: File): Promise<ImageParamsResult> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const png = isPng(bytes)
  const name = file.name
  if (!png && !isJpeg(bytes) && !isWebp(bytes))
    return { ok: false, message: t`${name} is not a PNG, JPEG or WebP image: there are no parameters in it to restore.` }
  const params = png ? readPngParametersFromBytes(bytes) : readXmpParameters(bytes)
  if (!params)
    return {
      ok: false,
      message: png
        ? t`${name} carries no parameters to restore: it has no “parameters” or studio text. Drop a PNG downloaded from the studio or made by AUTOMATIC1111.`
        : t`${name} carries no parameters to restore: it has no studio XMP. Drop an image downloaded from the studio.`,
    }
  return { ok: true, params }
}
