// @vitest-environment jsdom
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { lazy, Suspense } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from './error-boundary.tsx'

let broken = true
function Fragile() {
  if (broken) throw new Error('Cannot read properties of undefined (reading "width")')
  return <p>Panel content</p>
}

beforeEach(() => {
  broken = true
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('ErrorBoundary', () => {
  it('keeps a render error inside its part: a readable message, the rest still shown, and Try again recovers', async () => {
    render(
      <>
        <ErrorBoundary area="The gallery">
          <Fragile />
        </ErrorBoundary>
        <p>Compose still here</p>
      </>,
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The gallery stopped working.')
    expect(alert).toHaveTextContent('reading "width"')
    expect(alert).toHaveTextContent('nothing was lost')
    expect(screen.getByText('Compose still here')).toBeInTheDocument()
    broken = false
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(screen.getByText('Panel content')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says a lazy chunk could not be loaded and offers only a reload', async () => {
    const Missing = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/edit-panel-x.js')))
    render(
      <ErrorBoundary area="The edit panel">
        <Suspense fallback={<p>Loading…</p>}>
          <Missing />
        </Suspense>
      </ErrorBoundary>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The edit panel stopped working.')
    expect(alert).toHaveTextContent('could not be loaded from the server')
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
    const reload = vi.fn()
    vi.stubGlobal('location', { ...window.location, reload })
    await userEvent.click(screen.getByRole('button', { name: 'Reload the studio' }))
    expect(reload).toHaveBeenCalledOnce()
    vi.unstubAllGlobals()
  })
})
