// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PromptDiffView } from './prompt-diff-view.tsx'
import { InEnglish } from '../../../testing/render.tsx'

const original = 'A poster of a small cat saying “Summer Sale”'
const rewritten = 'A vibrant poster of a cat holding a sign, warm light'

const region = () => screen.getByRole('region', { name: 'Prompt rewrite' })

describe('PromptDiffView', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('marks insertions with <ins> and deletions with <del>, and counts them', () => {
    const { container } = render(<PromptDiffView original="a small red cat" rewritten="a red cat, fluffy" />, { wrapper: InEnglish })
    expect(region()).toBeInTheDocument()
    expect([...container.querySelectorAll('del')].map((el) => el.textContent)).toEqual(['small '])
    expect([...container.querySelectorAll('ins')].map((el) => el.textContent)).toEqual([', fluffy'])
    expect(screen.getByText(/^\+1 word$/)).toBeInTheDocument()
    expect(screen.getByText(/^−1 word$/)).toBeInTheDocument()
  })

  it('switches between the inline diff and the two columns', async () => {
    const user = userEvent.setup()
    render(<PromptDiffView original="a red cat" rewritten="a blue cat" />, { wrapper: InEnglish })
    const diffButton = screen.getByRole('button', { name: 'Diff' })
    expect(diffButton).toHaveAttribute('aria-pressed', 'true')

    await user.click(screen.getByRole('button', { name: 'Side by side' }))
    expect(screen.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true')
    const left = screen.getByRole('region', { name: 'Original prompt' })
    const right = screen.getByRole('region', { name: 'Rewritten prompt' })
    expect(left.querySelector('del')).toHaveTextContent('red')
    expect(left.querySelector('ins')).toBeNull()
    expect(right.querySelector('ins')).toHaveTextContent('blue')
    expect(right.querySelector('del')).toBeNull()

    await user.click(diffButton)
    expect(screen.queryByRole('region', { name: 'Original prompt' })).not.toBeInTheDocument()
  })

  it('warns about a quoted text the rewrite dropped', () => {
    render(<PromptDiffView original={original} rewritten={rewritten} />, { wrapper: InEnglish })
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Quoted text changed by the rewrite:')
    expect(alert).toHaveTextContent('“Summer Sale” — dropped')
  })

  it('warns with the new text when a quote was changed, and not at all when quotes are kept', () => {
    const { rerender } = render(<PromptDiffView original='a sign "Open"' rewritten='a neon sign reading "OPEN"' />, { wrapper: InEnglish })
    expect(screen.getByRole('alert')).toHaveTextContent('“Open” — now “OPEN”')
    rerender(<PromptDiffView original='a sign "Open"' rewritten='a neon sign reading "Open"' />)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('renders only the copy action when no callbacks are given', () => {
    render(<PromptDiffView original={original} rewritten={rewritten} />, { wrapper: InEnglish })
    const buttons = within(region())
      .getAllByRole('button')
      .map((b) => b.textContent)
    expect(buttons).toEqual(['Diff', 'Side by side', 'Copy rewritten prompt'])
  })

  it('copies, uses and replays the rewritten prompt', async () => {
    const user = userEvent.setup()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const onUseRewritten = vi.fn()
    const onReplay = vi.fn()
    render(<PromptDiffView original={original} rewritten={rewritten} onUseRewritten={onUseRewritten} onReplay={onReplay} />, {
      wrapper: InEnglish,
    })

    await user.click(screen.getByRole('button', { name: 'Copy rewritten prompt' }))
    expect(writeText).toHaveBeenCalledWith(rewritten)
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Use rewritten prompt' }))
    expect(onUseRewritten).toHaveBeenCalledExactlyOnceWith(rewritten)

    await user.click(screen.getByRole('button', { name: 'Replay exactly' }))
    expect(onReplay).toHaveBeenCalledExactlyOnceWith(rewritten)
  })

  it('says when copying fails', async () => {
    const user = userEvent.setup()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    render(<PromptDiffView original={original} rewritten={rewritten} />, { wrapper: InEnglish })
    await user.click(screen.getByRole('button', { name: 'Copy rewritten prompt' }))
    expect(screen.getByRole('button', { name: 'Copy failed' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Could not copy: denied')
  })
})
