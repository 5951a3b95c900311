import { useLingui } from '@lingui/react/macro'
import { plural } from '@lingui/core/macro'
import { formatPrice, type Currency } from '../../lib/format-price.ts'

interface Props {
  /** The button's word: "Generate" or "Edit". */
  action: string
  /** Names the cost line for assistive tech ("Cost", "Edit cost"). */
  costLabel: string
  images: number
  cost: { amount: number; currency: Currency }
  disabled: boolean
}

/**
 * The Generate / Edit bar with its count and cost: pinned to the bottom of the controls column
 * (which scrolls on its own) and, on a phone, to the bottom of the screen, so it is always in view.
 */
export function SubmitBar({ action, costLabel, images, cost, disabled }: Props) {
  const { t, i18n } = useLingui()
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 flex items-center justify-between gap-3 border-t border-zinc-800 bg-zinc-950/95 px-4 py-3 backdrop-blur lg:sticky lg:inset-x-auto lg:px-0">
      <p className="text-xs text-zinc-400" aria-label={costLabel}>
        {t`${plural(images, { one: '# image', other: '# images' })}`} ·{' '}
        <span className="font-semibold text-zinc-200">{formatPrice(cost.amount, cost.currency, i18n.locale)}</span>
      </p>
      <button
        type="submit"
        disabled={disabled}
        title={t`Ctrl/Cmd+Enter`}
        className="rounded-lg bg-violet-600 px-5 py-2 font-semibold text-white hover:bg-violet-700 disabled:opacity-50"
      >
        {action}
      </button>
    </div>
  )
}
