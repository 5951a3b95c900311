import { useEffect, useState } from 'react'
import { Button } from '../components/ui/button.tsx'
import { DeleteIcon, DetailsIcon, DownloadIcon } from '../components/ui/icons.tsx'
import { useGalleryStore } from '../features/gallery/gallery-store.ts'
import { useImageRecord, whenKept } from '../lib/image-data.ts'
import { useStage } from '../lib/stage-store.ts'
import { ShortcutSheet } from './shortcut-sheet.tsx'
import { isShortcutTarget, leavesField, studioForm } from './shortcuts.ts'
import { StageCompare, type CompareMode } from './stage-compare.tsx'
import { StageImage, type Zoom } from './stage-image.tsx'
import { plural } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'

const ZOOM_STEPS = [0.25, 0.5, 1, 2, 4]

function zoomBy(zoom: Zoom, by: 1 | -1): Zoom {
  const at = zoom === 'fit' ? (by > 0 ? -1 : 1) : ZOOM_STEPS.indexOf(zoom)
  return ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, at + by))]!
}

/** A contact sheet: several images side by side; clicking one puts it alone on the stage. */
function Sheet({ ids }: { ids: readonly string[] }) {
  const { t } = useLingui()
  const show = useStage((s) => s.show)
  const cols = ids.length <= 4 ? 2 : 3
  return (
    <div
      role="list"
      aria-label={t`Contact sheet`}
      className="grid h-full w-full gap-2"
      style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}
    >
      {ids.map((id, i) => (
        <div role="listitem" key={id} className="min-h-0">
          <button
            type="button"
            aria-label={t`Show image ${i + 1} of ${ids.length} alone`}
            onClick={() => show(id, ids)}
            className="h-full w-full rounded-md"
          >
            <StageImage id={id} zoom="fit" />
          </button>
        </div>
      ))}
    </div>
  )
}

/**
 * The two images Compare shows: a pair on the stage (an extend on/off A/B, a sweep's first two);
 * else the image on the stage and the one before it in its list (after it, for the first); else
 * the one the stage showed before it.
 */
function comparePair(ids: readonly string[], order: readonly string[], previous: string | null): readonly [string, string] | null {
  if (ids.length >= 2) return [ids[0]!, ids[1]!]
  if (ids.length !== 1) return null
  const at = order.indexOf(ids[0]!)
  if (at >= 0 && order.length >= 2) return at > 0 ? [order[at - 1]!, order[at]!] : [order[at]!, order[at + 1]!]
  return previous && previous !== ids[0] ? [previous, ids[0]!] : null
}

const NEXT_COMPARE: Record<'off' | CompareMode, 'off' | CompareMode> = { off: 'slider', slider: 'side', side: 'off' }

/**
 * The stage: the selected image large (fit, 100%, zoom and pan), a batch as one contact sheet, or
 * two images compared at stage size (slider or side by side).
 */
export function Stage() {
  const { t } = useLingui()
  const ids = useStage((s) => s.ids)
  const order = useStage((s) => s.order)
  const step = useStage((s) => s.step)
  const openDetail = useGalleryStore((s) => s.open)
  const [zoom, setZoom] = useState<Zoom>('fit')
  const single = ids.length === 1 ? ids[0]! : null
  const record = useImageRecord(single).data
  const at = single ? order.indexOf(single) : -1
  const actions = useStage((s) => s.actions)
  const [sheetOpen, setSheetOpen] = useState(false)
  const [compare, setCompare] = useState<'off' | CompareMode>('off')
  const previous = useStage((s) => s.previous)
  const pair = comparePair(ids, order, previous)
  const comparing = compare !== 'off' && pair ? pair : null
  const [actionError, setActionError] = useState<string | null>(null)
  const fail = (e: unknown) => setActionError(e instanceof Error ? e.message : String(e))
  // A result shown from its bytes may still be being kept: each action waits for it to be stored.
  const toggleFavorite = () =>
    record &&
    actions &&
    whenKept(record.id)
      .then(() => actions.toggleFavorite(record))
      .catch(fail)
  const download = () =>
    record &&
    actions &&
    whenKept(record.id)
      .then(() => actions.download(record))
      .catch(fail)
  /** Deletes the image on the stage (the gallery offers Undo); the stage moves on to its neighbour. */
  const remove = () => {
    if (!record || !actions) return
    if (order.length > 1) step(at < order.length - 1 ? 1 : -1)
    whenKept(record.id).then(() => actions.remove(record), fail)
  }

  // The shortcuts live with the stage (loaded after the first paint; their table is in shortcuts.ts).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && leavesField(e)) {
        document.getElementById('stage')?.focus()
        return
      }
      if (!isShortcutTarget(e)) return
      const run: Record<string, () => void> = {
        '/': () => studioForm()?.querySelector<HTMLElement>('textarea')?.focus(),
        g: () => studioForm()?.requestSubmit(),
        ArrowLeft: () => step(-1),
        ArrowRight: () => step(1),
        f: () => void toggleFavorite(),
        d: () => void download(),
        c: () => setCompare((c) => NEXT_COMPARE[c]),
        Delete: remove,
        '+': () => setZoom((z) => zoomBy(z, 1)),
        '=': () => setZoom((z) => zoomBy(z, 1)),
        '-': () => setZoom((z) => zoomBy(z, -1)),
        '0': () => setZoom('fit'),
        '1': () => setZoom(1),
        '?': () => setSheetOpen(true),
      }
      const action = run[e.key]
      if (!action) return
      e.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <section
      aria-label={t`Stage`}
      data-comparing={comparing ? true : undefined}
      className="flex h-full min-h-0 flex-col gap-2 rounded-xl border border-line bg-surface-1 p-2"
    >
      <div
        role="toolbar"
        aria-label={t`Stage controls`}
        className="flex shrink-0 items-center gap-0.5 overflow-x-auto text-sm sm:flex-wrap sm:overflow-visible [&>button]:shrink-0 [&>button]:px-1.5 [&>button]:whitespace-nowrap"
      >
        <Button variant="ghost" aria-label={t`Previous on stage`} disabled={at <= 0} onClick={() => step(-1)}>
          ←
        </Button>
        <Button variant="ghost" aria-label={t`Next on stage`} disabled={at < 0 || at >= order.length - 1} onClick={() => step(1)}>
          →
        </Button>
        <span className="invisible min-w-0 flex-1 truncate px-1 text-muted tabular-nums sm:visible" aria-live="polite">
          {single
            ? record
              ? `${record.width}×${record.height}`
              : ''
            : ids.length > 1
              ? t`${plural(ids.length, { one: '# image', other: '# images' })}`
              : ''}
        </span>
        <Button
          variant="ghost"
          aria-pressed={compare !== 'off'}
          disabled={!pair}
          onClick={() => setCompare((c) => (c === 'off' ? 'slider' : 'off'))}
          title="c"
        >
          <Trans>Compare</Trans>
        </Button>
        {comparing && (
          <Button variant="ghost" onClick={() => setCompare((c) => (c === 'slider' ? 'side' : 'slider'))}>
            {compare === 'slider' ? <Trans>Side by side</Trans> : <Trans>Slider</Trans>}
          </Button>
        )}
        {/* Zoom is the single image's; a comparison is drawn at stage size (and its mode button takes their place). */}
        {!comparing && (
          <>
            <Button variant="ghost" aria-pressed={zoom === 'fit'} disabled={!single} onClick={() => setZoom('fit')}>
              <Trans>Fit</Trans>
            </Button>
            <Button variant="ghost" aria-pressed={zoom === 1} disabled={!single} onClick={() => setZoom(1)}>
              100%
            </Button>
            <Button variant="ghost" aria-label={t`Zoom out`} disabled={!single} onClick={() => setZoom((z) => zoomBy(z, -1))}>
              −
            </Button>
            <Button variant="ghost" aria-label={t`Zoom in`} disabled={!single} onClick={() => setZoom((z) => zoomBy(z, 1))}>
              +
            </Button>
          </>
        )}
        <Button
          variant="ghost"
          aria-pressed={record?.favorite ?? false}
          disabled={!record || !actions}
          onClick={() => void toggleFavorite()}
          title="f"
        >
          {record?.favorite ? '★' : '☆'}
          <span className="sr-only">
            <Trans>Favorite</Trans>
          </span>
        </Button>
        <Button
          variant="ghost"
          aria-label={t`Download`}
          title={`${t`Download`} (d)`}
          disabled={!record || !actions}
          onClick={() => void download()}
        >
          <DownloadIcon />
        </Button>
        <Button variant="ghost" aria-label={t`Details`} title={t`Details`} disabled={!single} onClick={() => single && openDetail(single)}>
          <DetailsIcon />
        </Button>
        <Button
          variant="ghost"
          aria-label={t`Delete`}
          title={t`Delete`}
          disabled={!record || !actions}
          onClick={remove}
          aria-keyshortcuts="Delete"
        >
          <DeleteIcon />
        </Button>
        <Button variant="ghost" aria-label={t`Keyboard shortcuts`} onClick={() => setSheetOpen(true)}>
          ?
        </Button>
      </div>
      {actionError && (
        <p role="alert" className="text-xs text-red-300">
          {actionError}
        </p>
      )}
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      <div className="flex min-h-0 flex-1 items-center justify-center">
        {comparing ? (
          <StageCompare ids={comparing} mode={compare === 'side' ? 'side' : 'slider'} />
        ) : single ? (
          <StageImage key={single} id={single} zoom={zoom} />
        ) : ids.length > 1 ? (
          <Sheet ids={ids} />
        ) : (
          <p className="text-sm text-muted">
            <Trans>Pick a result or a gallery image to see it here.</Trans>
          </p>
        )}
      </div>
    </section>
  )
}
