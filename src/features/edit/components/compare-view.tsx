import { useState } from 'react'
import { useImageObjectUrl } from '../../../lib/image-data.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  beforeId: string
  afterId: string
}

/** Before/after: a slider that wipes between Image 1 and the output, or the two side by side. */
export function CompareView({ beforeId, afterId }: Props) {
  const { t } = useLingui()
  const before = useImageObjectUrl(beforeId)
  const after = useImageObjectUrl(afterId)
  const [mode, setMode] = useState<'slider' | 'side'>('slider')
  const [split, setSplit] = useState(50)
  if (!before || !after)
    return (
      <p className="text-xs text-zinc-500">
        <Trans>Loading…</Trans>
      </p>
    )
  return (
    <section aria-label={t`Compare`} className="flex flex-col gap-2">
      <div role="group" aria-label={t`Compare mode`} className="flex gap-1 text-xs">
        {(['slider', 'side'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
            className={`rounded px-2 py-0.5 ${mode === m ? 'bg-violet-500/30 text-violet-100' : 'text-zinc-400'}`}
          >
            {m === 'slider' ? t`Slider` : t`Side by side`}
          </button>
        ))}
      </div>
      {mode === 'slider' ? (
        <div className="relative overflow-hidden rounded-lg bg-zinc-950">
          <img src={after} alt={t`After`} className="block w-full" />
          <img
            src={before}
            alt={t`Before`}
            className="absolute inset-0 h-full w-full object-cover"
            style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
          />
          <div aria-hidden className="absolute inset-y-0 w-0.5 bg-white/80" style={{ left: `${split}%` }} />
          <input
            type="range"
            min={0}
            max={100}
            value={split}
            aria-label={t`Before / after`}
            onChange={(e) => setSplit(Number(e.target.value))}
            className="absolute inset-x-0 bottom-2 mx-auto w-3/4"
          />
        </div>
      ) : (
        <div className="grid grid-cols-2 gap-2">
          <figure>
            <img src={before} alt={t`Before`} className="w-full rounded-lg" />
            <figcaption className="text-center text-xs text-zinc-500">
              <Trans>Image 1</Trans>
            </figcaption>
          </figure>
          <figure>
            <img src={after} alt={t`After`} className="w-full rounded-lg" />
            <figcaption className="text-center text-xs text-zinc-500">
              <Trans>Output</Trans>
            </figcaption>
          </figure>
        </div>
      )}
    </section>
  )
}
