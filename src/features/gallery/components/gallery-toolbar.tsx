import { useId, useRef, useState } from 'react'
import type { GalleryView } from '../api/gallery-view.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { formatCount } from '../format.ts'
import { plural, t } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'
import { GalleryFilterControls } from './gallery-filter-controls.tsx'
import { StorageMeter } from './storage-meter.tsx'

interface Props {
  view: GalleryView
  headingId: string
  onExport: () => void
  exporting: boolean
  onImport: (files: File[]) => void
  importing: boolean
}

const button =
  'rounded-md border border-zinc-700 px-3 py-1.5 text-xs font-medium text-zinc-200 hover:border-violet-400 hover:text-white disabled:opacity-50'

function countText(view: GalleryView): string {
  if (view.isPending) return t`Loading…`
  const n = plural(view.ids.length, { one: '# image', other: '# images' })
  if (view.complete || view.total === undefined) return n
  const loaded = formatCount(view.loaded)
  const total = formatCount(view.total)
  return t`${n} · reading ${loaded} of ${total}…`
}

/** Title, count, storage, Export / Import, search and filters. */
export function GalleryToolbar({ view, headingId, onExport, exporting, onImport, importing }: Props) {
  const { t } = useLingui()
  const search = useGalleryStore((s) => s.filters.search)
  const setFilters = useGalleryStore((s) => s.setFilters)
  const input = useRef<HTMLInputElement>(null)
  const searchId = useId()
  const filtersId = useId()
  // On a phone the filters fold behind a button, so the first row of images stays in view.
  const [filtersOpen, setFiltersOpen] = useState(false)
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={headingId} className="text-base font-semibold tracking-tight">
          <Trans>Gallery</Trans>
        </h2>
        <p role="status" className="text-xs tabular-nums text-zinc-400">
          {countText(view)}
          {view.damaged > 0 && plural(view.damaged, { one: ' · # damaged record skipped', other: ' · # damaged records skipped' })}
        </p>
        <div className="ml-auto flex items-center gap-3">
          <StorageMeter />
          <button type="button" className={button} onClick={onExport} disabled={exporting || view.loaded === 0}>
            {exporting ? t`Exporting…` : t`Export`}
          </button>
          <button type="button" className={button} onClick={() => input.current?.click()} disabled={importing}>
            {importing ? t`Importing…` : t`Import`}
          </button>
          <input
            ref={input}
            type="file"
            aria-label={t`Import files`}
            accept=".zip,application/zip,.png,image/png,.jpg,.jpeg,image/jpeg,.webp,image/webp"
            multiple
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? [])
              e.target.value = ''
              if (files.length) onImport(files)
            }}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={searchId} className="sr-only">
          <Trans>Search prompts</Trans>
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(e) => setFilters({ search: e.target.value })}
          placeholder={t`Search prompts…`}
          className="min-w-40 flex-1 rounded-md border border-zinc-700 bg-zinc-900 px-3 py-1.5 text-sm outline-none placeholder:text-zinc-500 focus-visible:border-violet-400"
        />
        <button
          type="button"
          aria-expanded={filtersOpen}
          aria-controls={filtersId}
          className={`${button} sm:hidden`}
          onClick={() => setFiltersOpen((o) => !o)}
        >
          <Trans>Filters</Trans>
        </button>
        <div id={filtersId} className={`${filtersOpen ? 'contents' : 'hidden'} sm:contents`}>
          <GalleryFilterControls models={view.facets.models} sizes={view.facets.sizes} />
        </div>
      </div>
    </div>
  )
}
