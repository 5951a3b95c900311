import { useStudioConfig } from '../lib/studio-config.ts'
import { Trans, useLingui } from '@lingui/react/macro'

export function ModeBanner() {
  const { t } = useLingui()
  const config = useStudioConfig()
  if (!config.data) return null
  const { mode, region } = config.data
  return mode === 'simulator' ? (
    <p role="note" className="w-fit rounded-full bg-amber-500/15 px-3 py-1 text-xs text-amber-200">
      <Trans>Simulator mode</Trans>
      <span className="hidden sm:inline">
        <Trans>: the server has no API key, so images come from the offline simulator</Trans>
      </span>
    </p>
  ) : (
    <p role="note" className="rounded-full bg-emerald-500/15 px-3 py-1 text-xs text-emerald-200">
      {region === 'beijing' ? t`Live: DashScope Beijing` : t`Live: DashScope Singapore`}
    </p>
  )
}
