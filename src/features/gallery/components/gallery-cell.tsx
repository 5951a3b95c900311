import { useQueryClient } from '@tanstack/react-query'
import { memo, useEffect, useState, type MouseEvent, type RefObject } from 'react'
import { TextCheckBadge } from '../../../components/ui/text-check-badge.tsx'
import type { ImageRecord } from '../../../lib/records.ts'
import { cachedThumb } from '../api/image-blobs.ts'
import { LiveThumb } from './live-thumb.tsx'
import { ThumbImage } from './thumb-image.tsx'
import { useLingui } from '@lingui/react/macro'

interface Props {
  record: ImageRecord
  position: number
  setSize: number
  /** The grid's one Tab stop (roving focus). */
  tabbable: boolean
  selected: boolean
  /** Some cell is selected: show every checkbox. */
  selecting: boolean
  /** A click: the image goes on the stage. */
  onOpen: (id: string) => void
  /** A double-click: the image's details open. */
  onDetails: (id: string) => void
  onToggle: (id: string) => void
  onRange: (id: string) => void
  /** Whether the grid is being scrolled (read when the cell mounts). */
  scrolling: RefObject<boolean>
}

/** A cell that appears mid-scroll reads its thumbnail only if it is still there after this. */
const SETTLE_MS = 120

/** One thumbnail: click opens it; Ctrl/⌘-click or the checkbox selects, Shift-click selects a range. */
export const GalleryCell = memo(function GalleryCell({
  record,
  position,
  setSize,
  tabbable,
  selected,
  selecting,
  onOpen,
  onDetails,
  onToggle,
  onRange,
  scrolling,
}: Props) {
  // Cells flying past during a fast scroll never touch the database, nor set up a query (a cached
  // thumbnail still shows): a screenful of them mounts in every frame.
  const { t } = useLingui()
  const [settled, setSettled] = useState(() => !scrolling.current)
  useEffect(() => {
    if (settled) return
    const timer = setTimeout(() => setSettled(true), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [settled])
  const qc = useQueryClient()
  const click = (e: MouseEvent) => {
    if (e.shiftKey) onRange(record.id)
    else if (e.ctrlKey || e.metaKey) onToggle(record.id)
    else onOpen(record.id)
  }
  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      data-index={position - 1}
      className="group relative h-full min-h-0 w-full"
    >
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={record.prompt}
        onClick={click}
        onDoubleClick={() => onDetails(record.id)}
        className={`block h-full w-full overflow-hidden rounded-lg bg-zinc-900 outline-none ring-violet-400 focus-visible:ring-2 ${
          selected ? 'ring-2' : ''
        }`}
      >
        {settled ? <LiveThumb id={record.id} /> : <ThumbImage url={cachedThumb(qc, record.id)} />}
        <span
          aria-hidden
          className="pointer-events-none absolute inset-x-0 bottom-0 hidden bg-gradient-to-t from-zinc-950/90 to-transparent px-2 pb-1.5 pt-6 text-left text-[11px] leading-snug text-zinc-100 group-hover:line-clamp-2 group-focus-within:line-clamp-2"
        >
          <span data-user-content>{record.prompt}</span>
        </span>
      </button>
      <input
        type="checkbox"
        tabIndex={-1}
        aria-label={t`Select: ${record.prompt}`}
        checked={selected}
        onChange={() => onToggle(record.id)}
        className={`absolute left-2 top-2 h-4 w-4 accent-violet-500 transition ${
          selected || selecting ? 'opacity-100' : 'opacity-0 group-hover:opacity-100 focus-visible:opacity-100'
        }`}
      />
      {record.favorite && (
        <span className="pointer-events-none absolute right-2 top-1.5 text-sm text-amber-300 drop-shadow" title={t`Favorite`}>
          ★<span className="sr-only">{t`Favorite`}</span>
        </span>
      )}
      {record.textCheck && <TextCheckBadge check={record.textCheck} className="pointer-events-none absolute bottom-2 left-2" />}
      {record.kind !== 't2i' && (
        <span className="pointer-events-none absolute bottom-2 right-2 rounded bg-zinc-950/80 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-zinc-300">
          {record.kind === 'edit' ? t`Edit` : t`Input`}
        </span>
      )}
    </div>
  )
})
