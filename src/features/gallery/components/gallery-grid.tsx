import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { useStage } from '../../../lib/stage-store.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { useElementWidth } from '../hooks/use-element-width.ts'
import { GalleryCell } from './gallery-cell.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

const GAP = 8
const MIN_CELL = 168
const MAX_COLUMNS = 10

export function columnsFor(width: number): number {
  return Math.max(2, Math.min(MAX_COLUMNS, Math.floor((width + GAP) / (MIN_CELL + GAP))))
}

interface Props {
  ids: readonly string[]
  byId: ReadonlyMap<string, ImageRecord>
  /** Cells to lay out; those past ids.length are placeholders for records not read yet. */
  expected: number
}

/** Where a key moves focus from cell `index`, or undefined for keys the grid does not handle. */
export function keyTarget(key: string, index: number, columns: number, pageRows: number, count: number): number | undefined {
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + columns,
    ArrowUp: index - columns,
    PageDown: index + columns * pageRows,
    PageUp: index - columns * pageRows,
    Home: 0,
    End: count - 1,
  }
  const next = moves[key]
  return next === undefined ? undefined : Math.max(0, Math.min(count - 1, next))
}

/**
 * The virtualized grid of thumbnails: only the rows on screen (and a few more) are in the DOM.
 * The grid is one Tab stop (the cell last focused, or the first one drawn); arrow keys, Page
 * Up/Down, Home and End move between cells, scrolling as needed, and x selects the focused one.
 */
export function GalleryGrid({ ids, byId, expected }: Props) {
  const { t } = useLingui()
  const scroller = useRef<HTMLDivElement>(null)
  // No rows until the width is known: cells are rendered once, at their size.
  const width = useElementWidth(scroller)
  const columns = columnsFor(width ?? 0)
  const cell = width === undefined ? 0 : Math.floor((width - GAP * (columns - 1)) / columns)
  const rows = width === undefined ? 0 : Math.ceil(expected / columns)
  const selected = useGalleryStore((s) => s.selected)
  const openDetail = useGalleryStore((s) => s.open)
  const show = useStage((s) => s.show)
  const open = useCallback((id: string) => show(id, ids), [show, ids])
  const toggle = useGalleryStore((s) => s.toggleSelected)
  const selectRange = useGalleryStore((s) => s.selectRange)
  const onRange = useCallback((id: string) => selectRange(ids, id), [selectRange, ids])

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => cell + GAP,
    overscan: 2,
    initialRect: { width: 1024, height: 800 },
  })
  useEffect(() => virtualizer.measure(), [virtualizer, cell])
  const scrolling = useRef(false)
  scrolling.current = virtualizer.isScrolling

  // Roving focus: the one cell in the Tab order; the first drawn one when that is not drawn.
  const [active, setActive] = useState(0)
  const drawn = virtualizer.getVirtualItems()
  const firstDrawn = (drawn[0]?.index ?? 0) * columns
  const lastDrawn = ((drawn.at(-1)?.index ?? -1) + 1) * columns - 1
  const tabStop = active >= firstDrawn && active <= lastDrawn && active < ids.length ? active : firstDrawn
  const onFocus = (e: FocusEvent) => {
    const item = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[data-index]') : null
    if (item) setActive(Number(item.dataset.index))
  }

  const pendingFocus = useRef<number | null>(null)
  const hintId = useId()
  useEffect(() => {
    const index = pendingFocus.current
    if (index === null) return
    const button = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] button`)
    if (!button) return
    pendingFocus.current = null
    button.focus()
  })
  const onKeyDown = (e: KeyboardEvent) => {
    const item = e.target instanceof HTMLElement && e.target.tagName === 'BUTTON' ? e.target.closest<HTMLElement>('[data-index]') : null
    if (!item || e.altKey || e.ctrlKey || e.metaKey) return
    const index = Number(item.dataset.index)
    if (e.key === 'x') {
      const id = ids[index]
      if (id) toggle(id)
      e.preventDefault()
      return
    }
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / (cell + GAP)))
    const next = keyTarget(e.key, index, columns, pageRows, ids.length)
    if (next === undefined) return
    e.preventDefault()
    if (next === index) return
    virtualizer.scrollToIndex(Math.floor(next / columns))
    const button = scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`)
    if (button) button.focus()
    else pendingFocus.current = next // focused once its row is rendered
  }

  return (
    <div ref={scroller} className="h-[60vh] min-h-60 overflow-y-auto overscroll-contain lg:h-auto lg:min-h-40 lg:flex-1" tabIndex={-1}>
      <p id={hintId} className="sr-only">
        <Trans>Arrow keys move between images, Enter puts one on the stage, x selects it, double-click opens its details.</Trans>
      </p>
      <div
        role="list"
        aria-label={t`Gallery images`}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {drawn.map((row) => (
          <div
            key={row.key}
            className="absolute left-0 top-0 grid w-full"
            style={{
              transform: `translateY(${row.start}px)`,
              height: cell,
              // a fixed track: an auto one grows to a portrait image and contain: strict cuts it off
              gridTemplateRows: `${cell}px`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gap: GAP,
              contain: 'strict',
            }}
          >
            {Array.from({ length: columns }, (_, c) => {
              const index = row.index * columns + c
              const id = ids[index]
              const record = id ? byId.get(id) : undefined
              if (record)
                return (
                  <GalleryCell
                    key={record.id}
                    record={record}
                    position={index + 1}
                    setSize={expected}
                    tabbable={index === tabStop}
                    selected={selected.has(record.id)}
                    selecting={selected.size > 0}
                    onOpen={open}
                    onDetails={openDetail}
                    onToggle={toggle}
                    onRange={onRange}
                    scrolling={scrolling}
                  />
                )
              return index < expected ? <div key={`p${index}`} aria-hidden className="animate-pulse rounded-lg bg-zinc-900" /> : null
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
