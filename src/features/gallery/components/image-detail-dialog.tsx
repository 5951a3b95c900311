import { ImageChildren } from './image-children.tsx'
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { useImageBytes, useImageRecord } from '../../../lib/image-data.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { formatCount } from '../format.ts'
import { useObjectUrl } from '../hooks/use-object-url.ts'
import type { Notify } from '../hooks/use-toasts.ts'
import { ImageActions } from './image-actions.tsx'
import { ImageMetadata } from './image-metadata.tsx'
import { RequestCode } from './request-code.tsx'
import { LinkState } from './link-state.tsx'
import { TextCheckSection } from './text-check-section.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  /** The grid's order, for Previous / Next. */
  ids: readonly string[]
  byId: ReadonlyMap<string, ImageRecord>
  onReuse: (record: ImageRecord, what: 'all' | 'prompt') => void
  onUseAsInput?: (record: ImageRecord) => void
  renderPromptDiff?: (record: ImageRecord) => ReactNode
  onDelete: (ids: string[]) => void
  notify: Notify
}

const nav = 'rounded-md border border-zinc-700 px-2.5 py-1 text-xs text-zinc-300 hover:border-violet-400 disabled:opacity-40'

/** The open image: full size (from IndexedDB), every field, the prompt diff and the actions. */
export function ImageDetailDialog({ ids, byId, onReuse, onUseAsInput, renderPromptDiff, onDelete, notify }: Props) {
  const { t } = useLingui()
  const openId = useGalleryStore((s) => s.openId)
  const open = useGalleryStore((s) => s.open)
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const fromDB = useImageRecord(openId && !byId.has(openId) ? openId : null)
  const record = openId ? (byId.get(openId) ?? fromDB.data ?? undefined) : undefined
  const bytes = useImageBytes(openId)
  const url = useObjectUrl(bytes.data)
  const index = openId ? ids.indexOf(openId) : -1
  // Errors show here: while the dialog is modal, the page's toasts are behind it.
  const [error, setError] = useState<{ id: string; message: string } | null>(null)
  const onError = (e: unknown) => openId && setError({ id: openId, message: e instanceof Error ? e.message : String(e) })

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (openId && !d.open) {
      if (typeof d.showModal === 'function') d.showModal()
      else d.setAttribute('open', '')
    } else if (!openId && d.open) {
      if (typeof d.close === 'function') d.close()
      else d.removeAttribute('open')
    }
  }, [openId])

  const go = (delta: number) => {
    const next = ids[index + delta]
    if (next) open(next)
  }
  const keys = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return
    if (e.key === 'ArrowLeft') go(-1)
    else if (e.key === 'ArrowRight') go(1)
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => open(null)}
      onKeyDown={keys}
      onClick={(e) => {
        if (e.target === dialog.current) open(null) // a click on the backdrop
      }}
      className="m-auto max-h-[94vh] w-[min(1280px,96vw)] overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/75"
    >
      {openId && !record && (
        <div className="flex items-center gap-4 p-6 text-sm text-zinc-400">
          <h2 id={titleId}>{fromDB.isPending ? t`Loading…` : t`This image is no longer in the gallery.`}</h2>
          <button type="button" className={nav} onClick={() => open(null)}>
            <Trans>Close</Trans>
          </button>
        </div>
      )}
      {record && (
        <div className="flex max-h-[94vh] flex-col">
          <header className="flex items-center gap-2 border-b border-zinc-800 px-4 py-2">
            <h2 id={titleId} className="text-sm font-semibold">
              <Trans>Image details</Trans>
            </h2>
            {index >= 0 && (
              <span className="text-xs tabular-nums text-zinc-500">{t`${formatCount(index + 1)} of ${formatCount(ids.length)}`}</span>
            )}
            <div className="ml-auto flex gap-2">
              <button type="button" className={nav} onClick={() => go(-1)} disabled={index <= 0} aria-label={t`Previous image`}>
                ←
              </button>
              <button
                type="button"
                className={nav}
                onClick={() => go(1)}
                disabled={index < 0 || index >= ids.length - 1}
                aria-label={t`Next image`}
              >
                →
              </button>
              <button type="button" className={nav} onClick={() => open(null)}>
                <Trans>Close</Trans>
              </button>
            </div>
          </header>
          <div className="grid min-h-0 flex-1 grid-cols-1 overflow-y-auto lg:grid-cols-[minmax(0,1fr)_380px] lg:overflow-hidden">
            <div className="flex min-h-64 items-center justify-center bg-zinc-900/60 p-3">
              {url ? (
                <img src={url} alt={record.prompt} className="max-h-[80vh] max-w-full object-contain" />
              ) : (
                <p className="text-sm text-zinc-500">{bytes.isPending ? t`Loading…` : t`The image bytes are missing.`}</p>
              )}
            </div>
            <aside className="flex min-h-0 flex-col gap-4 overflow-y-auto p-4" aria-label={t`Image information`}>
              <LinkState record={record} />
              {error?.id === record.id && (
                <p role="alert" className="rounded-md bg-red-500/10 px-3 py-2 text-xs text-red-200">
                  {error.message}
                </p>
              )}
              <ImageActions
                record={record}
                onReuse={onReuse}
                onUseAsInput={onUseAsInput}
                onDelete={onDelete}
                onDone={() => open(null)}
                notify={notify}
                onError={onError}
              />
              {record.actualPrompt && renderPromptDiff && <div className="min-w-0">{renderPromptDiff(record)}</div>}
              <TextCheckSection record={record} />
              <ImageMetadata record={record} />
              {record.kind !== 'input' && (
                <RequestCode record={record} onCopied={() => notify({ message: t`Code copied.` })} onError={onError} />
              )}
              {record.parentIds.length > 0 && (
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="text-zinc-500">
                    <Trans>Made from</Trans>
                  </span>
                  {record.parentIds.map((id, i) => (
                    <button key={id} type="button" className={nav} onClick={() => open(id)}>
                      {t`Input ${i + 1}`}
                    </button>
                  ))}
                </div>
              )}
              <ImageChildren id={record.id} onOpen={open} className={nav} />
            </aside>
          </div>
        </div>
      )}
    </dialog>
  )
}
