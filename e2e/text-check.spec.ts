import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const stamp = () => Date.now().toString(36)

test('poster text check: a planted typo is flagged with the diff, a correct poster gets the check mark, the filter tells them apart', async ({
  page,
  sim,
}) => {
  test.setTimeout(120_000)
  const requested: string[] = []
  page.on('request', (r) => requested.push(r.url()))
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()

  const good = `A bright poster with the title "Grand Opening Today" (${stamp()})`
  await gallery.generate(studio, good, '16:9')
  const goodCell = gallery.region.getByRole('listitem').filter({ has: page.getByRole('button', { name: good, exact: true }) })
  const started = Date.now()
  await expect(goodCell.getByTestId('text-check-badge')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 })
  console.log(`text check of a 1664x928 poster, first (engine and data loaded): ${Date.now() - started} ms after the thumbnail`)
  await expect(goodCell.getByTestId('text-check-badge')).toHaveText(/✓ Text correct/)

  await sim.injectFaults(['text-typo'])
  const typo = `A bright poster with the title "Fresh Bread Daily" (${stamp()})`
  await gallery.generate(studio, typo, '16:9')
  const typoCell = gallery.region.getByRole('listitem').filter({ has: page.getByRole('button', { name: typo, exact: true }) })
  await expect(typoCell.getByTestId('text-check-badge')).toHaveAttribute('data-status', 'wrong', { timeout: 60_000 })
  await expect(typoCell.getByTestId('text-check-badge')).toHaveText(/⚠ Text wrong/)

  // The job card shows the flag with the diff: what was expected against what the image says.
  const card = page.getByRole('article', { name: /^Job / }).filter({ has: page.getByRole('img', { name: typo, exact: true }) })
  const diff = card.getByLabel('Text diff for Fresh Bread Daily')
  await expect(diff).toBeVisible()
  const [expected, read] = (await diff.locator('> div').allInnerTexts()).map((t) => t.replace(/^(expected|read)\s*/, ''))
  console.log(`planted typo: expected "${expected}", read "${read}"`)
  expect(expected).toBe('freshbreaddaily')
  expect(read).not.toBe(expected)

  // The detail lists the check too.
  const dialog = await gallery.open(typo)
  await expect(dialog.getByRole('region', { name: 'Poster text' }).getByLabel('Text diff for Fresh Bread Daily')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()

  const filter = gallery.region.getByLabel('Text check')
  await filter.selectOption('Text correct')
  await expect(gallery.cell(good)).toBeVisible()
  await expect(gallery.cell(typo)).toHaveCount(0)
  await filter.selectOption('Text wrong')
  await expect(gallery.cell(typo)).toBeVisible()
  await expect(gallery.cell(good)).toHaveCount(0)

  // Offline: the engine, its wasm and the trained data came from the studio itself.
  const ocr = requested.filter((u) => /tesseract|traineddata|\/ocr\//.test(u))
  expect(ocr.some((u) => u.endsWith('/ocr/worker.min.js'))).toBe(true)
  expect(ocr.some((u) => u.endsWith('/ocr/lang/eng.traineddata.gz'))).toBe(true)
  expect(requested.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([])
})
