import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures/test.ts'
import { readPngParametersFromBytes } from '../src/features/gallery/files/png-parameters.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const stamp = () => Date.now().toString(36)

test('an image outlives its result link: after expiry and a reload it is still shown from IndexedDB', async ({ page }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `A neon poster with the title "Kept" (${stamp()})`
  await gallery.generate(studio, prompt, '16:9')

  const [record] = (await gallery.stored()).records
  expect(record?.remoteExpiresAt).toBeGreaterThan(0)
  const dialog = await gallery.open(prompt)
  await expect(dialog.getByText('Kept locally')).toBeVisible()
  await expect(dialog.getByText(/link expires in|link expired/)).toBeVisible()

  // A second past the link's expiry by the page's clock (not a sleep); the simulator's own links
  // expire by its clock (gateway-simulator.test.ts). The kept image needs neither.
  await page.clock.setFixedTime(record!.remoteExpiresAt! + 1000)
  await page.reload()
  await gallery.expectThumbnail(prompt)
  await gallery.open(prompt)
  await expect(gallery.dialog.getByText('Kept locally')).toBeVisible()
  await expect(gallery.dialog.getByText('link expired')).toBeVisible()
  expect(await gallery.fullImageSize(prompt)).toEqual({ width: 1664, height: 928 })
})

test('download carries the parameters; dropping the file back restores them in the form', async ({ page }, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `一张海报，标题是“开业大吉” "Grand Opening" (${stamp()})`
  await gallery.generate(studio, prompt, '9:16')
  const [record] = (await gallery.stored()).records
  expect(record?.seed).toBeDefined()

  await gallery.open(prompt)
  const [download] = await Promise.all([page.waitForEvent('download'), gallery.dialog.getByRole('button', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toMatch(/\.png$/)
  const file = testInfo.outputPath('downloaded.png')
  await download.saveAs(file)
  const bytes = new Uint8Array(await readFile(file))
  expect(readPngParametersFromBytes(bytes)).toMatchObject({ prompt, seed: record!.seed, size: '928*1664', model: 'qwen-image-plus' })
  await gallery.dialog.getByRole('button', { name: 'Close' }).click()

  const seedField = page.getByLabel('Seed', { exact: true })
  const scramble = async () => {
    await studio.prompt.fill('something else entirely')
    await studio.pickAspectRatio('1:1')
    if (await seedField.count()) await seedField.fill('7')
  }
  const expectRestored = async () => {
    await expect(studio.prompt).toHaveValue(prompt)
    await expect(studio.aspectRatio('9:16')).toBeChecked()
    if (await seedField.count()) await expect(seedField).toHaveValue(String(record!.seed))
  }

  // picked with Import
  await scramble()
  await gallery.importInput.setInputFiles(file)
  await expectRestored()

  // dropped on the gallery
  await scramble()
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }))
      return dt
    },
    { b64: Buffer.from(bytes).toString('base64'), name: 'downloaded.png' },
  )
  await gallery.region.dispatchEvent('dragenter', { dataTransfer })
  await gallery.region.dispatchEvent('drop', { dataTransfer })
  await expectRestored()
})

test('export, clear the database, import: identical bytes, and a second import adds nothing', async ({ page }, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompts = [`A red fox in snow, "Export A" (${stamp()})`, `一只猫在窗台上 "Export B" (${stamp()})`]
  for (const p of prompts) await gallery.generate(studio, p)
  // The poster text check writes its verdict into each record once it has read the image: wait
  // for both, so the snapshot is what the export will hold.
  await expect.poll(async () => (await gallery.stored()).records.filter((r) => 'textCheck' in r).length, { timeout: 30_000 }).toBe(2)
  const before = await gallery.stored()
  expect(before.records).toHaveLength(2)
  expect(Object.keys(before.thumbs)).toHaveLength(2)

  const [download] = await Promise.all([page.waitForEvent('download'), gallery.exportButton.click()])
  expect(download.suggestedFilename()).toMatch(/\.zip$/)
  const zip = testInfo.outputPath('gallery.zip')
  await download.saveAs(zip)

  await gallery.clearDatabase()
  await expect(gallery.region.getByText('No images yet')).toBeVisible()
  expect((await gallery.stored()).records).toHaveLength(0)

  await gallery.importInput.setInputFiles(zip)
  await expect(page.getByText('2 imported, 0 already present')).toBeVisible()
  for (const p of prompts) await gallery.expectThumbnail(p)
  // the same bytes and records; the expired result links keep their host and path only
  const bare = (url?: string) => url && url.split('?')[0]
  const afterImport = await gallery.stored()
  expect(afterImport.records.every((r) => !r.remoteUrl?.includes('?'))).toBe(true)
  expect(afterImport).toEqual({ ...before, records: before.records.map((r) => ({ ...r, remoteUrl: bare(r.remoteUrl) })) })
  const imported = afterImport

  await gallery.importInput.setInputFiles(zip)
  await expect(page.getByText('0 imported, 2 already present')).toBeVisible()
  expect(await gallery.stored()).toEqual(imported)

  // and it is searchable again
  await gallery.search.fill('窗台')
  await expect(gallery.cell(prompts[1]!)).toBeVisible()
  await expect(gallery.cell(prompts[0]!)).toHaveCount(0)
})

test('a second tab sees a new image without a reload', async ({ page, context }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const other = await context.newPage()
  const otherGallery = new GalleryPage(other)
  await new StudioPage(other).open()
  await expect(otherGallery.region).toBeVisible()

  const prompt = `A lighthouse at dusk, "Second tab" (${stamp()})`
  await gallery.generate(studio, prompt)
  await otherGallery.expectThumbnail(prompt)
})

test('a gallery kept by version 3 (thumbnails as Blobs) shows at once, and its thumbnails are then stored inline', async ({ page }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  const prompts = [`A harbour at dawn, "Kept by v3" (${stamp()})`, `A fox in the snow, "Kept by v3" (${stamp()})`]
  const records = prompts.map((prompt, i) => ({
    id: `v3-${i}-${stamp()}`,
    createdAt: Date.now() - i * 1000,
    kind: 't2i',
    model: 'qwen-image-plus',
    region: 'singapore',
    prompt,
    negativePrompt: '',
    size: '1664*928',
    width: 1664,
    height: 928,
    seed: i,
    promptExtend: false,
    watermark: false,
    index: 0,
    parentIds: [],
    price: 0.03,
    favorite: false,
    mime: 'image/png',
  }))
  await gallery.writeVersion3Gallery(records)
  const before = await gallery.stored()

  await studio.open() // upgrades the database to the current version
  for (const p of prompts) await gallery.expectThumbnail(p) // read from the Blob rows
  expect(Object.values(await gallery.thumbShapes())).toEqual(['blob', 'blob'])

  // converted in the background a few seconds after start-up: same bytes, now inline
  await expect.poll(() => gallery.thumbShapes(), { timeout: 25_000 }).toEqual(Object.fromEntries(records.map((r) => [r.id, 'inline'])))
  expect(await gallery.stored()).toEqual(before)
  await page.reload()
  for (const p of prompts) await gallery.expectThumbnail(p)
})
