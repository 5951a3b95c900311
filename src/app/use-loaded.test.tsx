// @vitest-environment jsdom
import { render, screen } from '@testing-library/react'
import { Component, type ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useLoaded } from './use-loaded.ts'

function Probe({ promise }: { promise: Promise<string> }) {
  return <p>{useLoaded(promise) ?? 'loading'}</p>
}

class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  render() {
    return this.state.error ? <p>failed: {this.state.error.message}</p> : this.props.children
  }
}

function deferred() {
  let resolve!: (v: string) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('useLoaded', () => {
  it('gives undefined until the promise resolves, then its value; a new promise starts over', async () => {
    const first = deferred()
    const { rerender } = render(<Probe promise={first.promise} />)
    expect(screen.getByText('loading')).toBeInTheDocument()
    first.resolve('panel')
    expect(await screen.findByText('panel')).toBeInTheDocument()
    const second = deferred()
    rerender(<Probe promise={second.promise} />)
    expect(screen.getByText('loading')).toBeInTheDocument()
    second.resolve('other')
    expect(await screen.findByText('other')).toBeInTheDocument()
  })

  it('throws a rejection to the nearest error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // React reports the caught error
    const chunk = deferred()
    render(
      <Boundary>
        <Probe promise={chunk.promise} />
      </Boundary>,
    )
    chunk.reject(new Error('chunk failed to load'))
    expect(await screen.findByText('failed: chunk failed to load')).toBeInTheDocument()
    vi.restoreAllMocks()
  })
})
