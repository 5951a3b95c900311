/**
 * Edit inputs are kept in IndexedDB (as images of kind 'input') and a job's request names them
 * with a placeholder, so a job record does not carry megabytes of base64. They become
 * `data:` URLs, with the mime type of their bytes, only when the request is sent.
 */
import { t } from '@lingui/core/macro'
import { studioDB } from './db.ts'
import type { MultimodalRequest } from '../shared/schemas.ts'

export const STORED_INPUT_PREFIX = 'studio-input:'

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error ?? new Error('Cannot read the image'))
    reader.readAsDataURL(blob)
  })
}

export async function resolveStoredInputs(request: MultimodalRequest): Promise<MultimodalRequest> {
  const db = await studioDB()
  const messages = await Promise.all(
    request.input.messages.map(async (m) => ({
      ...m,
      content: await Promise.all(
        m.content.map(async (c) => {
          if (!('image' in c) || !c.image.startsWith(STORED_INPUT_PREFIX)) return c
          const id = c.image.slice(STORED_INPUT_PREFIX.length)
          const row = await db.get('imageBytes', id)
          if (!row) throw new Error(t`An input image of this job is no longer stored (${id}).`)
          const record = await db.get('images', id)
          const blob = record?.mime && row.blob.type !== record.mime ? new Blob([row.blob], { type: record.mime }) : row.blob
          return { image: await blobToDataUrl(blob) }
        }),
      ),
    })),
  )
  return { ...request, input: { messages } }
}
