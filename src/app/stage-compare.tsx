import { useRef, useState, type PointerEvent } from 'react'
import { useLingui } from '@lingui/react/macro'
import { useImageObjectUrl, useImageRecord } from '../lib/image-data.ts'
import type { ImageRecord } from '../lib/records.ts'

export type CompareMode = 'slider' | 'side'

type Difference = 'edit' | 'extend' | 'seed' | 'model' | 'size' | 'none'

/** What tells two images apart: an edit's input and output, the prompt-extend switch of an A/B pair, the seed of a sweep, the model, the size. */
function difference(a: ImageRecord | undefined, b: ImageRecord | undefined): Difference {
  if (!a || !b) return 'none'
  if (b.parentIds?.includes(a.id)) return 'edit'
  if (a.promptExtend !== b.promptExtend) return 'extend'
  if (a.seed !== b.seed && a.seed !== undefined && b.seed !== undefined) return 'seed'
  if (a.model !== b.model) return 'model'
  if (a.size !== b.size) return 'size'
  return 'none'
}

/**
 * Two images at stage size: a slider that wipes from one to the other (drag anywhere, or the range
 * with the arrow keys), or the two side by side. Both are fitted into the same box, so images of
 * one size line up pixel for pixel.
 */
export function StageCompare({ ids: [aId, bId], mode }: { ids: readonly [string, string]; mode: CompareMode }) {
  const { t } = useLingui()
  const a = useImageRecord(aId).data ?? undefined
  const b = useImageRecord(bId).data ?? undefined
  const aUrl = useImageObjectUrl(aId)
  const bUrl = useImageObjectUrl(bId)
  const [split, setSplit] = useState(50)
  const box = useRef<HTMLDivElement>(null)
  const caption = (r: ImageRecord | undefined, which: 'A' | 'B'): string => {
    if (!r) return which
    switch (difference(a, b)) {
      case 'edit':
        return which === 'A' ? t`Input` : t`Result`
      case 'extend':
        return r.promptExtend ? t`Prompt extend on` : t`Prompt extend off`
      case 'seed':
        return t`Seed ${r.seed ?? ''}`
      case 'model':
        return r.model
      case 'size':
        return r.size.replace('*', '×')
      case 'none':
        return which
    }
  }
  const [label, other] = [caption(a, 'A'), caption(b, 'B')]
  if (!aUrl || !bUrl) return <div className="h-full w-full animate-pulse rounded-lg bg-surface-2" aria-hidden />

  const follow = (e: PointerEvent) => {
    if (e.buttons !== 1 && e.type !== 'pointerdown') return
    const rect = box.current?.getBoundingClientRect()
    if (!rect || rect.width === 0) return
    setSplit(Math.round(Math.min(100, Math.max(0, ((e.clientX - rect.left) / rect.width) * 100))))
  }
  const tag = (text: string, side: 'left' | 'right') => (
    <span
      className={`pointer-events-none absolute top-2 ${side === 'left' ? 'left-2' : 'right-2'} rounded bg-black/70 px-2 py-0.5 text-xs text-white`}
    >
      {text}
    </span>
  )

  if (mode === 'side')
    return (
      <div role="group" aria-label={t`Side by side`} className="grid h-full w-full grid-cols-2 gap-2">
        {[
          [aUrl, label, a],
          [bUrl, other, b],
        ].map(([url, text, record], i) => (
          <figure key={i} className="relative flex min-h-0 flex-col">
            <img
              src={url as string}
              alt={t`${text as string}: ${(record as ImageRecord | undefined)?.prompt ?? ''}`}
              className="min-h-0 w-full flex-1 object-contain"
              draggable={false}
            />
            <figcaption className="pt-1 text-center text-xs text-muted">{text as string}</figcaption>
          </figure>
        ))}
      </div>
    )

  return (
    <div className="flex h-full w-full flex-col gap-2">
      <div
        ref={box}
        role="group"
        aria-label={t`Slider comparison`}
        className="relative min-h-0 flex-1 cursor-ew-resize touch-none select-none"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId)
          follow(e)
        }}
        onPointerMove={follow}
      >
        <img src={bUrl} alt={t`${other}: ${b?.prompt ?? ''}`} className="absolute inset-0 h-full w-full object-contain" draggable={false} />
        <img
          src={aUrl}
          alt={t`${label}: ${a?.prompt ?? ''}`}
          className="absolute inset-0 h-full w-full object-contain"
          style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
          draggable={false}
        />
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-white/80 shadow" style={{ left: `${split}%` }} />
        {tag(label, 'left')}
        {tag(other, 'right')}
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={split}
        aria-label={t`Show more of ${label} or of ${other}`}
        aria-valuetext={t`${split}% ${label}`}
        onChange={(e) => setSplit(Number(e.target.value))}
        className="mx-auto w-3/4 accent-violet-500"
      />
    </div>
  )
}
