/**
 * Files given to the gallery (dropped, or picked with Import): a gallery zip is imported; a PNG,
 * JPEG or WebP goes to onImageFile (the studio restores its parameters and says what it did); anything else is
 * refused politely.
 */
import { useCallback } from 'react'
import { useImportGallery } from '../api/gallery-transfer.ts'
import { plural, t } from '@lingui/core/macro'
import type { Notify } from './use-toasts.ts'

async function sniff(file: File): Promise<'zip' | 'image' | 'other'> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer())
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return 'zip'
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image'
  return 'other'
}

export function importSummary(r: { imported: number; present: number; skipped: number }): string {
  const imported = plural(r.imported, { one: '# imported', other: '# imported' })
  const present = plural(r.present, { one: '# already present', other: '# already present' })
  if (!r.skipped) return t`${imported}, ${present}`
  const skipped = plural(r.skipped, { one: '# skipped (damaged)', other: '# skipped (damaged)' })
  return t`${imported}, ${present}, ${skipped}`
}

export function useGalleryFiles(opts: { onImageFile?: (file: File) => void; notify: Notify; onError: (error: unknown) => void }) {
  const { onImageFile, notify, onError } = opts
  const importer = useImportGallery()
  const { mutateAsync } = importer

  const handle = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) {
        try {
          const kind = await sniff(file)
          if (kind === 'zip') {
            notify({ message: importSummary(await mutateAsync(file)) })
          } else if (kind === 'image' && onImageFile) {
            onImageFile(file)
          } else {
            notify({ message: t`${file.name} is neither an image (PNG, JPEG, WebP) nor a gallery zip.`, tone: 'error' })
          }
        } catch (error) {
          onError(error)
        }
      }
    },
    [mutateAsync, notify, onImageFile, onError],
  )

  return { handle, importing: importer.isPending }
}
