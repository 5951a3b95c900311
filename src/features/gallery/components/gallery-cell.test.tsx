// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query'
import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { imageKeys } from '../../../lib/image-data.ts'
import { makeRecord } from '../../../testing/gallery-fixtures.ts'
import { renderWithStudio, testQueryClient } from '../../../testing/render.tsx'
import { GalleryCell } from './gallery-cell.tsx'

const noop = () => {}

function renderCell(qc: QueryClient, scrolling: boolean, id?: string) {
  const record = makeRecord({ prompt: 'A lighthouse', ...(id ? { id } : {}) })
  renderWithStudio(
    <GalleryCell
      record={record}
      position={1}
      setSize={1}
      tabbable
      selected={false}
      selecting={false}
      onOpen={noop}
      onDetails={noop}
      onToggle={noop}
      onRange={noop}
      scrolling={{ current: scrolling }}
    />,
    qc,
  )
  return record
}

const thumbQueries = (qc: QueryClient) =>
  qc
    .getQueryCache()
    .findAll({ queryKey: imageKeys.all })
    .filter((q) => q.queryKey[1] === 'thumb')
const picture = () => screen.getByRole('button', { name: 'A lighthouse' }).querySelector('img')

afterEach(() => vi.useRealTimers())

describe('GalleryCell', () => {
  it('mounted mid-scroll: sets up no query and reads nothing until it has stayed a moment', () => {
    vi.useFakeTimers()
    const qc = testQueryClient()
    renderCell(qc, true)
    expect(thumbQueries(qc)).toHaveLength(0)
    expect(picture()).toBeNull()
    act(() => void vi.advanceTimersByTime(200))
    expect(thumbQueries(qc)).toHaveLength(1)
  })

  it('mounted mid-scroll: shows a thumbnail that is already cached', () => {
    const qc = new QueryClient()
    qc.setQueryData(imageKeys.thumb('img-cached'), 'data:image/webp;base64,AAAA')
    renderCell(qc, true, 'img-cached')
    expect(picture()?.getAttribute('src')).toBe('data:image/webp;base64,AAAA')
  })

  it('mounted at rest: reads its thumbnail through its query at once', () => {
    const qc = testQueryClient()
    const record = renderCell(qc, false)
    expect(thumbQueries(qc).map((q) => q.queryKey)).toEqual([imageKeys.thumb(record.id)])
  })
})
