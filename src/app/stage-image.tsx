import { useRef, useState, type PointerEvent } from 'react'
import { useImageObjectUrl, useImageRecord } from '../lib/image-data.ts'
import { useLingui } from '@lingui/react/macro'
import { markFirstPaint } from '../lib/paint-marks.ts'

/** How the stage draws an image: fitted to the stage, or at a scale of its real pixels (1 = 100%). */
export type Zoom = 'fit' | number

/** One image on the stage: fitted, or at `zoom` × its real pixels in a scroller panned by dragging. */
export function StageImage({ id, zoom }: { id: string; zoom: Zoom }) {
  const { t } = useLingui()
  const record = useImageRecord(id).data
  const url = useImageObjectUrl(id)
  const scroller = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<{ x: number; y: number; left: number; top: number } | null>(null)
  if (!record || !url) return <div className="h-full w-full animate-pulse rounded-lg bg-surface-2" aria-hidden />
  if (zoom === 'fit')
    return (
      <img
        src={url}
        alt={t`On stage: ${record.prompt}`}
        data-zoom="fit"
        onLoad={() => markFirstPaint('staged', id)}
        className="h-full w-full object-contain"
        draggable={false}
      />
    )
  // 100% means one image pixel per device pixel, so lettering can be checked as it was made.
  const scale = zoom / window.devicePixelRatio
  const down = (e: PointerEvent) => {
    const el = scroller.current
    if (!el) return
    el.setPointerCapture(e.pointerId)
    setDrag({ x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop })
  }
  const move = (e: PointerEvent) => {
    const el = scroller.current
    if (!el || !drag) return
    el.scrollLeft = drag.left - (e.clientX - drag.x)
    el.scrollTop = drag.top - (e.clientY - drag.y)
  }
  return (
    <div
      ref={scroller}
      tabIndex={0}
      aria-label={t`Zoomed image: drag or use the scroll bars to pan`}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={() => setDrag(null)}
      className={`h-full w-full overflow-auto ${drag ? 'cursor-grabbing' : 'cursor-grab'}`}
    >
      <img
        src={url}
        alt={t`On stage: ${record.prompt}`}
        data-zoom={zoom}
        onLoad={() => markFirstPaint('staged', id)}
        draggable={false}
        className="m-auto block max-w-none"
        style={{ width: record.width * scale, height: record.height * scale }}
      />
    </div>
  )
}
