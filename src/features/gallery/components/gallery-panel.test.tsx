// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { studioDB } from '../../../lib/db.ts'
import { useStage } from '../../../lib/stage-store.ts'
import { broadcast } from '../../../lib/studio-bus.ts'
import type { ImageRecord } from '../../../lib/records.ts'
import { deleteStudioDB, makeRecord } from '../../../testing/gallery-fixtures.ts'
import { renderWithStudio } from '../../../testing/render.tsx'
import { DEFAULT_FILTERS } from '../gallery-filters.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { GalleryPanel } from './gallery-panel.tsx'

// jsdom lays nothing out: give the grid's scroller a size so the virtualizer draws rows.
const size = { clientWidth: 1024, clientHeight: 800 }
beforeAll(() => {
  for (const [prop, value] of Object.entries(size))
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value })
  Element.prototype.scrollTo = () => {}
})
afterAll(() => {
  for (const prop of [...Object.keys(size), 'scrollTo']) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop]
})

const now = Date.now()
const records = [
  makeRecord({
    prompt: 'A neon poster titled "Summer Sale"',
    createdAt: now - 3000,
    seed: 42,
    remoteUrl: 'https://x/a.png',
    remoteExpiresAt: now - 1000,
  }),
  makeRecord({ prompt: '一张海报，标题是“夏日促销”', createdAt: now - 2000, actualPrompt: 'A cinematic poster', model: 'qwen-image' }),
  makeRecord({ prompt: 'An uploaded photo', createdAt: now - 1000, kind: 'input' }),
]

async function seed(rows: ImageRecord[]) {
  const db = await studioDB()
  await Promise.all(rows.map((r) => db.put('images', r)))
}

function renderPanel(props: Partial<Parameters<typeof GalleryPanel>[0]> = {}) {
  const onReuse = vi.fn()
  renderWithStudio(<GalleryPanel onReuse={onReuse} renderPromptDiff={(r) => <p>diff of {r.id}</p>} {...props} />)
  return { onReuse }
}

const gallery = () => screen.getByRole('region', { name: 'Gallery' })
const cell = (prompt: string) => within(gallery()).findByRole('button', { name: prompt })

beforeEach(async () => {
  useGalleryStore.setState({ filters: DEFAULT_FILTERS, selected: new Set(), openId: null })
  await seed(records)
})

afterEach(deleteStudioDB)

describe('GalleryPanel', () => {
  it('shows kept images newest first, edit inputs hidden, with a count', async () => {
    renderPanel()
    await cell('A neon poster titled "Summer Sale"')
    const items = within(screen.getByRole('list', { name: 'Gallery images' })).getAllByRole('listitem')
    expect(items.map((li) => within(li).getAllByRole('button')[0]!.getAttribute('aria-label'))).toEqual([
      '一张海报，标题是“夏日促销”',
      'A neon poster titled "Summer Sale"',
    ])
    expect(screen.getByRole('status')).toHaveTextContent('2 images')
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'Everything')
    expect(await cell('An uploaded photo')).toBeInTheDocument()
  })

  it('moves between cells with the arrow keys; Enter puts one on the stage', async () => {
    renderPanel()
    ;(await cell('一张海报，标题是“夏日促销”')).focus()
    await userEvent.keyboard('{ArrowRight}')
    expect(await cell('A neon poster titled "Summer Sale"')).toHaveFocus()
    await userEvent.keyboard('{Home}')
    expect(await cell('一张海报，标题是“夏日促销”')).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    expect(useStage.getState().ids).toEqual([records[1]!.id])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('searches prompts (Chinese too) and offers to clear the filters', async () => {
    renderPanel()
    await cell('A neon poster titled "Summer Sale"')
    await userEvent.type(screen.getByLabelText('Search prompts'), '夏日')
    await waitFor(() => expect(within(gallery()).queryByRole('button', { name: 'A neon poster titled "Summer Sale"' })).toBeNull())
    expect(await cell('一张海报，标题是“夏日促销”')).toBeInTheDocument()
    await userEvent.clear(screen.getByLabelText('Search prompts'))
    await userEvent.type(screen.getByLabelText('Search prompts'), 'nothing like this')
    await userEvent.click(await screen.findByRole('button', { name: 'Clear search and filters' }))
    expect(await cell('A neon poster titled "Summer Sale"')).toBeInTheDocument()
  })

  it('opens the detail with its metadata and link state; Reuse all hands the record over', async () => {
    const { onReuse } = renderPanel()
    await userEvent.dblClick(await cell('A neon poster titled "Summer Sale"'))
    const dialog = await screen.findByRole('dialog', { name: 'Image details' })
    expect(within(dialog).getByText('Kept locally')).toBeInTheDocument()
    expect(within(dialog).getByText('link expired')).toBeInTheDocument()
    expect(within(dialog).getByText('42')).toBeInTheDocument()
    expect(within(dialog).getByText(/Qwen-Image Plus/)).toBeInTheDocument()
    // newest first: the neon poster is the last of the two
    expect(within(dialog).getByRole('button', { name: 'Next image' })).toBeDisabled()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Previous image' }))
    expect(within(dialog).getByRole('button', { name: 'Previous image' })).toBeDisabled()
    expect(within(dialog).getByText('一张海报，标题是“夏日促销”', { selector: 'dd' })).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next image' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reuse all' }))
    expect(onReuse).toHaveBeenCalledWith(expect.objectContaining({ id: records[0]!.id }), 'all')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('shows the prompt diff for a rewritten prompt, and offers edit input only when wired', async () => {
    const onUseAsInput = vi.fn()
    renderPanel({ onUseAsInput })
    await userEvent.dblClick(await cell('一张海报，标题是“夏日促销”'))
    const dialog = await screen.findByRole('dialog', { name: 'Image details' })
    expect(within(dialog).getByText(`diff of ${records[1]!.id}`)).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use as edit input' }))
    expect(onUseAsInput).toHaveBeenCalledWith(expect.objectContaining({ id: records[1]!.id }))
  })

  it('deletes with Undo, and favorites', async () => {
    renderPanel()
    await userEvent.dblClick(await cell('A neon poster titled "Summer Sale"'))
    let dialog = await screen.findByRole('dialog', { name: 'Image details' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Favorite' }))
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true'))
    expect((await (await studioDB()).get('images', records[0]!.id))?.favorite).toBe(true)
    dialog = screen.getByRole('dialog', { name: 'Image details' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(within(gallery()).queryByRole('button', { name: 'A neon poster titled "Summer Sale"' })).toBeNull())
    expect(await (await studioDB()).get('images', records[0]!.id)).toBeUndefined()
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }))
    expect(await cell('A neon poster titled "Summer Sale"')).toBeInTheDocument()
    expect(await (await studioDB()).get('images', records[0]!.id)).toEqual({ ...records[0], favorite: true })
  })

  it('shows an image another tab kept, without a reload', async () => {
    renderPanel()
    await cell('A neon poster titled "Summer Sale"')
    const fresh = makeRecord({ prompt: 'Kept in another tab', createdAt: now })
    await seed([fresh])
    broadcast({ type: 'images-changed', ids: [fresh.id] })
    expect(await cell('Kept in another tab')).toBeInTheDocument()
  })
})
