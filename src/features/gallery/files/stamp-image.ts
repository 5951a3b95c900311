/** The bytes a download (single or in a zip) gives: PNGs carry the record's parameters. */
import type { ImageRecord } from '../../../lib/records.ts'
import { isPng } from './png-chunks.ts'
import { stampPngParameters, unstampPngParameters } from './png-parameters.ts'
import { paramsFromRecord } from './studio-params.ts'

export function stampImageBytes(record: ImageRecord, bytes: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  return isPng(bytes) ? stampPngParameters(bytes, paramsFromRecord(record)) : undefined
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i])

/**
 * The stamped PNG, only when removing the stamp gives back exactly `bytes` (it does unless the
 * stored PNG already held text under the stamp's keywords, a bad CRC or bytes after IEND): an
 * export must be able to restore what was kept, byte for byte.
 */
export function reversibleStamp(record: ImageRecord, bytes: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  const stamped = stampImageBytes(record, bytes)
  return stamped && sameBytes(unstampPngParameters(stamped), bytes) ? stamped : undefined
}
