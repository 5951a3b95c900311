import { Component, type ErrorInfo, type ReactNode } from 'react'
import { t } from '@lingui/core/macro'

/** A lazy chunk that could not be loaded (a new deploy, or the server went away): only a reload helps. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return /dynamically imported module|Importing a module script failed|error loading dynamically|ChunkLoadError/i.test(message)
}

interface Props {
  /** Names the part in the message ("The gallery"); the whole studio when omitted. */
  area?: string
  children: ReactNode
}

interface State {
  error: unknown
}

/**
 * Catches a render error or a failed lazy chunk below it, so one broken part never takes the rest
 * of the studio down; says what stopped, that nothing stored is lost, and offers to try again or
 * to reload.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: undefined }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error ?? new Error(t`Unknown error`) }
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`[studio] ${this.props.area ?? 'The studio'} stopped:`, error, info.componentStack)
  }

  render() {
    const { error } = this.state
    if (error === undefined) return this.props.children
    const area = this.props.area ?? t`The studio`
    const chunk = isChunkLoadError(error)
    const detail = chunk
      ? t`Part of the studio could not be loaded from the server (it may have been updated or stopped).`
      : error instanceof Error
        ? error.message
        : t`An unexpected error occurred.`
    return (
      <div role="alert" className="flex flex-col gap-3 rounded-lg border border-red-500/40 bg-red-500/10 p-4 text-sm text-red-100">
        <p className="font-semibold">{t`${area} stopped working.`}</p>
        <p className="break-words text-red-200">{detail}</p>
        <p className="text-red-200">{t`Your images and jobs are kept in this browser; nothing was lost.`}</p>
        <div className="flex gap-2">
          {!chunk && (
            <button
              type="button"
              onClick={() => this.setState({ error: undefined })}
              className="rounded-md border border-red-300/40 px-3 py-1 text-xs font-semibold hover:bg-red-500/20"
            >
              {t`Try again`}
            </button>
          )}
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded-md bg-red-500/80 px-3 py-1 text-xs font-semibold text-white hover:bg-red-500"
          >
            {t`Reload the studio`}
          </button>
        </div>
      </div>
    )
  }
}
