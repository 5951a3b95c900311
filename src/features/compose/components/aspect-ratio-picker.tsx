import { T2I_SIZES, type T2ISize } from '../../../shared/sizes.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  value: string
  onChange: (size: T2ISize) => void
}

/** The five sizes drawn as shapes, with ratio and pixels. */
export function AspectRatioPicker({ value, onChange }: Props) {
  const { t } = useLingui()
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-400">
        <Trans>Aspect ratio</Trans>
      </legend>
      <div className="grid grid-cols-5 gap-2" role="radiogroup" aria-label={t`Aspect ratio`}>
        {T2I_SIZES.map((s) => {
          const checked = s.size === value
          const scale = 36 / Math.max(s.width, s.height)
          return (
            <label
              key={s.size}
              className={`flex cursor-pointer flex-col outline-violet-400 outline-offset-2 has-[:focus-visible]:outline-2 items-center gap-1 rounded-lg border p-2 text-center text-[11px] transition ${
                checked ? 'border-violet-400 bg-violet-500/15 text-violet-100' : 'border-zinc-700 text-zinc-400 hover:border-zinc-500'
              }`}
            >
              <input
                type="radio"
                name="aspect-ratio"
                className="sr-only"
                value={s.size}
                checked={checked}
                aria-label={`${s.ratio} (${s.width}×${s.height})`}
                onChange={() => onChange(s.size)}
              />
              <span className="flex h-10 items-center justify-center" aria-hidden>
                <span
                  className={`block rounded-sm border ${checked ? 'border-violet-300 bg-violet-400/40' : 'border-zinc-500'}`}
                  style={{ width: s.width * scale, height: s.height * scale }}
                />
              </span>
              <span className="font-semibold">{s.ratio}</span>
              <span className="tabular-nums">
                {s.width}×{s.height}
              </span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}
