import { useStudioConfig } from '../lib/studio-config.ts'

export function ModeBanner() {
  const config = useStudioConfig()
  if (!config.data) return null
  const { mode, region } = config.data
  return mode === 'simulator' ? (
    <p role="note" className="w-fit rounded-full bg-amber-500/15 px-3 py-1 text-xs text-amber-200">
      Simulator mode<span className="hidden sm:inline">: the server has no API key, so images come from the offline simulator</span>
    </p>
  ) : (
    <p role="note" className="rounded-full bg-emerald-500/15 px-3 py-1 text-xs text-emerald-200">
      Live: DashScope {region}
    </p>
  )
}
