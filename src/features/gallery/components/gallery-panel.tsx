import { useCallback, useEffect, useId, useState, type ReactNode } from 'react'
import { QUOTA_EXCEEDED, quotaMessage } from '../../../lib/image-store.ts'
import type { ImageRecord } from '../../../lib/records.ts'
import { StudioError } from '../../../shared/studio-error.ts'
import { useStage } from '../../../lib/stage-store.ts'
import { downloadImage } from '../api/download-image.ts'
import { useGallerySync } from '../api/gallery-sync.ts'
import { useExportGallery } from '../api/gallery-transfer.ts'
import { useGalleryView } from '../api/gallery-view.ts'
import { useDeleteImages, useRestoreImages, useToggleFavorite } from '../api/image-mutations.ts'
import { requestPersistence } from '../api/storage-estimate.ts'
import { DEFAULT_FILTERS } from '../gallery-filters.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { useFileDrop } from '../../../lib/use-file-drop.ts'
import { useGalleryFiles } from '../hooks/use-gallery-files.ts'
import { useToasts } from '../hooks/use-toasts.ts'
import { GalleryGrid } from './gallery-grid.tsx'
import { GalleryToasts } from './gallery-toasts.tsx'
import { GalleryToolbar } from './gallery-toolbar.tsx'
import { ImageDetailDialog } from './image-detail-dialog.tsx'
import { SelectionBar } from './selection-bar.tsx'
import { StorageFullAlert } from './storage-full-alert.tsx'
import { plural } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'

export interface GalleryPanelProps {
  /** Put the image's parameters in the compose form: all of them (seed too), or the prompt only. */
  onReuse: (record: ImageRecord, what: 'all' | 'prompt') => void
  /** Add the image to the edit inputs (offered only when given). */
  onUseAsInput?: (record: ImageRecord) => void
  /** The original vs rewritten prompt, for records with an actualPrompt. */
  renderPromptDiff?: (record: ImageRecord) => ReactNode
  /** A PNG dropped on the gallery (or picked with Import): its parameters are restored by the studio. */
  onImageFile?: (file: File) => void
}

/**
 * Every image kept in this browser: search, filters, a virtualized grid of thumbnails, the detail
 * view, export / import, and PNG drops that restore parameters.
 */
export function GalleryPanel({ onReuse, onUseAsInput, renderPromptDiff, onImageFile }: GalleryPanelProps) {
  const { t } = useLingui()
  const headingId = useId()
  const filters = useGalleryStore((s) => s.filters)
  const selected = useGalleryStore((s) => s.selected)
  const clearSelection = useGalleryStore((s) => s.clearSelection)
  const resetFilters = useGalleryStore((s) => s.resetFilters)
  const view = useGalleryView(filters)
  const { toasts, notify, dismiss } = useToasts()
  const [storageFull, setStorageFull] = useState<string | null>(null)
  useGallerySync({ onStorageFull: setStorageFull })

  const onError = useCallback(
    (error: unknown) => {
      if (error instanceof StudioError && error.code === QUOTA_EXCEEDED) setStorageFull(quotaMessage())
      else notify({ message: error instanceof Error ? error.message : String(error), tone: 'error', timeoutMs: 10_000 })
    },
    [notify],
  )

  const files = useGalleryFiles({ onImageFile, notify, onError })
  const drop = useFileDrop((dropped) => void files.handle(dropped))
  const exporter = useExportGallery()
  const remove = useDeleteImages()
  const { mutateAsync: setFavorite } = useToggleFavorite()
  const restore = useRestoreImages()

  const exportImages = (ids?: readonly string[]) =>
    exporter.mutate(ids, {
      onSuccess: ({ count }) => notify({ message: plural(count, { one: 'Exported # image.', other: 'Exported # images.' }) }),
      onError,
    })

  const deleteImages = useCallback(
    (ids: string[]) =>
      remove.mutate(ids, {
        onSuccess: (deleted) => {
          if (!deleted.length) return
          notify({
            message: plural(deleted.length, { one: 'Image deleted.', other: '# images deleted.' }),
            action: { label: t`Undo`, run: () => restore.mutate(deleted, { onError }) },
            timeoutMs: 12_000,
          })
        },
        onError,
      }),
    [remove, restore, notify, onError],
  )

  // The stage (in the app shell) favorites, downloads and deletes through the gallery, once it is here.
  useEffect(() => {
    useStage.getState().setActions({
      toggleFavorite: (r) => setFavorite({ id: r.id, favorite: !r.favorite }),
      download: (r) => downloadImage(r),
      remove: (r) => deleteImages([r.id]),
    })
    return () => useStage.getState().setActions(null)
  }, [setFavorite, deleteImages])

  // Once there is something to lose, ask the browser not to evict it.
  const hasImages = (view.total ?? 0) > 0
  useEffect(() => {
    if (hasImages) void requestPersistence()
  }, [hasImages])

  const filtered = JSON.stringify(filters) !== JSON.stringify({ ...DEFAULT_FILTERS, sort: filters.sort })

  return (
    <section aria-labelledby={headingId} className="relative flex min-w-0 flex-col gap-3 lg:h-full lg:min-h-0" {...drop.handlers}>
      <GalleryToolbar
        view={view}
        headingId={headingId}
        onExport={() => exportImages()}
        exporting={exporter.isPending}
        onImport={(picked) => void files.handle(picked)}
        importing={files.importing}
      />
      {storageFull && <StorageFullAlert message={storageFull} onExport={() => exportImages()} onDismiss={() => setStorageFull(null)} />}
      {selected.size > 0 && (
        <SelectionBar
          count={selected.size}
          onExport={() => exportImages([...selected])}
          exporting={exporter.isPending}
          onDelete={() => deleteImages([...selected])}
          onClear={clearSelection}
        />
      )}
      {view.error && (
        <p role="alert" className="text-sm text-red-300">
          {t`The gallery cannot be read: ${view.error.message}`}
        </p>
      )}
      {view.complete && view.ids.length === 0 && !view.error ? (
        <div className="flex h-48 flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-zinc-800 text-sm text-zinc-500">
          {filtered ? (
            <>
              <p>
                <Trans>No images match.</Trans>
              </p>
              <button type="button" className="text-violet-300 hover:text-violet-200" onClick={resetFilters}>
                <Trans>Clear search and filters</Trans>
              </button>
            </>
          ) : (
            <p>
              <Trans>No images yet. Every image you generate is kept here, in this browser.</Trans>
            </p>
          )}
        </div>
      ) : (
        <GalleryGrid ids={view.ids} byId={view.byId} expected={view.expected} />
      )}
      <ImageDetailDialog
        ids={view.ids}
        byId={view.byId}
        onReuse={onReuse}
        onUseAsInput={onUseAsInput}
        renderPromptDiff={renderPromptDiff}
        onDelete={deleteImages}
        notify={notify}
      />
      <GalleryToasts toasts={toasts} onDismiss={dismiss} />
      {drop.over && (
        <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-xl border-2 border-dashed border-violet-400 bg-zinc-950/85 text-sm text-violet-100">
          <Trans>Drop a PNG to reuse its parameters, or a gallery zip to import it</Trans>
        </div>
      )}
    </section>
  )
}
