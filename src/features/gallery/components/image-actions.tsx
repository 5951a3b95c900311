import { useState } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { copyImage, downloadImage, type DownloadFormat } from '../api/download-image.ts'
import { useToggleFavorite } from '../api/image-mutations.ts'
import type { Notify } from '../hooks/use-toasts.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  record: ImageRecord
  onReuse: (record: ImageRecord, what: 'all' | 'prompt') => void
  onUseAsInput?: (record: ImageRecord) => void
  onDelete: (ids: string[]) => void
  /** After an action that hands the image to the compose form. */
  onDone: () => void
  notify: Notify
  onError: (error: unknown) => void
}

const primary = 'rounded-md bg-violet-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-violet-500 disabled:opacity-50'
const secondary =
  'rounded-md border border-zinc-700 px-3 py-1.5 text-xs font-medium text-zinc-200 hover:border-violet-400 disabled:opacity-50'

/** Reuse, use as edit input, download, favorite, delete. */
export function ImageActions({ record, onReuse, onUseAsInput, onDelete, onDone, notify, onError }: Props) {
  const { t } = useLingui()
  const favorite = useToggleFavorite()
  const [downloading, setDownloading] = useState(false)
  const [format, setFormat] = useState<DownloadFormat>('png')
  const [quality, setQuality] = useState(90)
  const isFavorite = favorite.isPending && favorite.variables.id === record.id ? favorite.variables.favorite : record.favorite

  const download = async () => {
    setDownloading(true)
    try {
      await downloadImage(record, format, quality)
    } catch (error) {
      onError(error)
    } finally {
      setDownloading(false)
    }
  }

  const copy = () =>
    copyImage(record).then(
      () => notify({ message: t`Image copied.` }),
      (error: unknown) => onError(error instanceof Error ? new Error(t`The image could not be copied: ${error.message}`) : error),
    )

  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        className={primary}
        title={
          record.outputs > 1
            ? t`Prompt, negative prompt, model, size and seed. The seed is shared by the ${record.outputs} images of one request: it remakes the set, not this image alone.`
            : t`Prompt, negative prompt, model, size and seed`
        }
        onClick={() => {
          onReuse(record, 'all')
          onDone()
        }}
      >
        <Trans>Reuse all</Trans>
      </button>
      <button
        type="button"
        className={secondary}
        onClick={() => {
          onReuse(record, 'prompt')
          onDone()
        }}
      >
        <Trans>Reuse prompt</Trans>
      </button>
      {onUseAsInput && (
        <button
          type="button"
          className={secondary}
          onClick={() => {
            onUseAsInput(record)
            onDone()
            notify({ message: t`Added as an edit input.` })
          }}
        >
          <Trans>Use as edit input</Trans>
        </button>
      )}
      <span className="flex items-center gap-1">
        <button type="button" className={secondary} onClick={() => void download()} disabled={downloading}>
          {downloading ? t`Preparing…` : t`Download`}
        </button>
        <select
          aria-label={t`Download format`}
          value={format}
          onChange={(e) => setFormat(e.target.value as DownloadFormat)}
          className="rounded-md border border-zinc-700 bg-zinc-900 px-1.5 py-1.5 text-xs text-zinc-200"
        >
          <option value="png">PNG</option>
          <option value="jpeg">JPEG</option>
          <option value="webp">WebP</option>
        </select>
        {format !== 'png' && (
          <label className="flex items-center gap-1 text-xs text-zinc-400" title={t`Parameters travel in the file's XMP`}>
            <input
              type="range"
              aria-label={t`Quality`}
              min={40}
              max={100}
              value={quality}
              onChange={(e) => setQuality(Number(e.target.value))}
              className="w-20"
            />
            <span className="w-6 tabular-nums">{quality}</span>
          </label>
        )}
      </span>
      <button type="button" className={secondary} onClick={() => void copy()}>
        <Trans>Copy image</Trans>
      </button>
      <button
        type="button"
        aria-pressed={isFavorite}
        className={`${secondary} ${isFavorite ? 'border-amber-400/70 text-amber-200' : ''}`}
        onClick={() => favorite.mutate({ id: record.id, favorite: !isFavorite }, { onError })}
      >
        <span aria-hidden>{isFavorite ? '★ ' : '☆ '}</span>
        <Trans>Favorite</Trans>
      </button>
      <button type="button" className={`${secondary} hover:border-red-400 hover:text-red-200`} onClick={() => onDelete([record.id])}>
        <Trans>Delete</Trans>
      </button>
    </div>
  )
}
