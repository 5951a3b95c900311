/** The parameters a dropped or picked image file carries, as written (judged by the caller). */
import { readPngParameters } from './png-parameters.ts'
import type { FileImageParams } from './studio-params.ts'

export type ImageParamsResult = { ok: true; params: FileImageParams } | { ok: false; message: string }

const PNG = [0x89, 0x50, 0x4e, 0x47]

export async function readImageParameters(file: File): Promise<ImageParamsResult> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer())
  if (!PNG.every((b, i) => head[i] === b)) return { ok: false, message: `${file.name} is not a PNG: only a PNG carries parameters the studio can restore.` }
  const params = await readPngParameters(file)
  if (!params)
    return {
      ok: false,
      message: `${file.name} carries no parameters to restore: it has no “parameters” or studio text. Drop a PNG downloaded from the studio or made by AUTOMATIC1111.`,
    }
  return { ok: true, params }
}
