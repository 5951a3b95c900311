import { KIND_FILTERS, TEXT_FILTERS, type KindFilter, type SortOrder, type TextFilter } from '../gallery-filters.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { formatSize } from '../format.ts'
import { Trans, useLingui } from '@lingui/react/macro'

const select =
  'rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-xs text-zinc-200 outline-none focus-visible:border-violet-400'

/** Favorites, model, kind, size, text check and sort. */
export function GalleryFilterControls({ models, sizes }: { models: string[]; sizes: string[] }) {
  const { t, i18n } = useLingui()
  const filters = useGalleryStore((s) => s.filters)
  const setFilters = useGalleryStore((s) => s.setFilters)
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-pressed={filters.favoritesOnly}
        onClick={() => setFilters({ favoritesOnly: !filters.favoritesOnly })}
        className={`rounded-md border px-2 py-1.5 text-xs ${
          filters.favoritesOnly
            ? 'border-violet-400 bg-violet-500/15 text-violet-100'
            : 'border-zinc-700 text-zinc-300 hover:border-zinc-500'
        }`}
      >
        <span aria-hidden>{filters.favoritesOnly ? '★' : '☆'} </span>
        <Trans>Favorites only</Trans>
      </button>
      <select
        aria-label={t`Model`}
        className={select}
        value={filters.model ?? ''}
        onChange={(e) => setFilters({ model: e.target.value || null })}
      >
        <option value="">{t`All models`}</option>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <select
        aria-label={t`Kind`}
        className={select}
        value={filters.kind}
        onChange={(e) => setFilters({ kind: e.target.value as KindFilter })}
      >
        {KIND_FILTERS.map((k) => (
          <option key={k.value} value={k.value}>
            {i18n._(k.label)}
          </option>
        ))}
      </select>
      <select
        aria-label={t`Size`}
        className={select}
        value={filters.size ?? ''}
        onChange={(e) => setFilters({ size: e.target.value || null })}
      >
        <option value="">{t`All sizes`}</option>
        {sizes.map((s) => (
          <option key={s} value={s}>
            {formatSize(s)}
          </option>
        ))}
      </select>
      <select
        aria-label={t`Text check`}
        className={select}
        value={filters.text}
        onChange={(e) => setFilters({ text: e.target.value as TextFilter })}
      >
        {TEXT_FILTERS.map((f) => (
          <option key={f.value} value={f.value}>
            {i18n._(f.label)}
          </option>
        ))}
      </select>
      <select
        aria-label={t`Sort`}
        className={select}
        value={filters.sort}
        onChange={(e) => setFilters({ sort: e.target.value as SortOrder })}
      >
        <option value="newest">{t`Newest first`}</option>
        <option value="oldest">{t`Oldest first`}</option>
      </select>
    </div>
  )
}
