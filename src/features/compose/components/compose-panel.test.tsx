// @vitest-environment jsdom
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_FORM, useComposeStore } from '../compose-store.ts'
import { ComposePanel } from './compose-panel.tsx'
import type { PlannedRequest } from '../build-requests.ts'
import { InEnglish } from '../../../testing/render.tsx'

beforeEach(() => {
  localStorage.clear()
  useComposeStore.setState({ ...DEFAULT_FORM, seedText: '42' })
})

describe('ComposePanel', () => {
  it('counts characters one per Unicode character and shows what will be cut', async () => {
    render(<ComposePanel region="singapore" onSubmit={vi.fn()} />, { wrapper: InEnglish })
    useComposeStore.getState().set({ prompt: '猫'.repeat(799) + '🐱多余' })
    expect(await screen.findByText('802/800')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('多余')
  })

  it('submits with Ctrl+Enter, a fresh random seed when unlocked, and shows it', async () => {
    const onSubmit = vi.fn<(plan: PlannedRequest[]) => Promise<void>>().mockResolvedValue()
    render(<ComposePanel region="singapore" onSubmit={onSubmit} />, { wrapper: InEnglish })
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Prompt'), 'a fox')
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(onSubmit).toHaveBeenCalledTimes(1)
    const seed = onSubmit.mock.calls[0]![0][0]!.request.parameters?.seed
    expect(Number.isInteger(seed)).toBe(true)
    expect(screen.getByLabelText('Seed')).toHaveValue(String(seed))
  })

  it('a locked seed is validated and reused', async () => {
    const onSubmit = vi.fn<(plan: PlannedRequest[]) => Promise<void>>().mockResolvedValue()
    render(<ComposePanel region="beijing" onSubmit={onSubmit} />, { wrapper: InEnglish })
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Prompt'), 'a fox')
    await user.clear(screen.getByLabelText('Seed'))
    await user.type(screen.getByLabelText('Seed'), '2147483648')
    expect(screen.getByRole('alert')).toHaveTextContent('at most 2147483647')
    expect(screen.getByRole('button', { name: 'Generate' })).toBeDisabled()
    await user.clear(screen.getByLabelText('Seed'))
    await user.type(screen.getByLabelText('Seed'), '12345')
    await user.click(screen.getByRole('button', { name: 'Generate' }))
    await user.click(screen.getByRole('button', { name: 'Generate' }))
    expect(onSubmit.mock.calls.map((c) => c[0][0]!.request.parameters?.seed)).toEqual([12345, 12345])
  })

  it('shows the total cost before submitting', async () => {
    render(<ComposePanel region="singapore" onSubmit={vi.fn()} />, { wrapper: InEnglish })
    useComposeStore.getState().set({ batchMode: 'all-sizes', model: 'qwen-image' })
    expect(await screen.findByLabelText('Cost')).toHaveTextContent('5 images · $0.175')
  })
})
