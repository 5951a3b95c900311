import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test.ts'
import { pngBytes } from '../src/testing/image-bytes.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const png = (name: string, width: number, height: number, grey: number) => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(pngBytes(width, height, grey)),
})

async function openEdit(page: Page) {
  const studio = new StudioPage(page)
  await studio.open()
  await page.getByRole('tab', { name: 'Edit images' }).click()
  return studio
}

const addFiles = (page: Page, files: ReturnType<typeof png>[]) => page.getByLabel('Add input images').setInputFiles(files)
const chips = (page: Page) => page.getByRole('list', { name: 'Input images' }).getByRole('listitem')

/** Records in the studio's IndexedDB, read in the page. */
function storedImages(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; kind: string; prompt: string; width: number; height: number; parentIds: string[] }[]>((resolve, reject) => {
        const open = indexedDB.open('qwen-image-studio')
        open.onerror = () => reject(new Error(String(open.error)))
        open.onsuccess = () => {
          const req = open.result.transaction('images').objectStore('images').getAll()
          req.onsuccess = () => resolve(req.result as never)
          req.onerror = () => reject(new Error(String(req.error)))
        }
      }),
  )
}

test('three ordered inputs, reordered, edited with n=3: three outputs linked to their inputs', async ({ page }) => {
  await openEdit(page)
  await addFiles(page, [png('one.png', 800, 600, 60), png('two.png', 600, 800, 130), png('three.png', 700, 700, 200)])
  await expect(chips(page)).toHaveCount(3)
  await expect(chips(page).nth(0)).toHaveAccessibleName('Image 1: one.png')

  // reorder: by button, then the drop zone is full
  await page.getByRole('button', { name: 'Move Image 1 later' }).click()
  await expect(chips(page).nth(0)).toHaveAccessibleName('Image 1: two.png')
  await expect(chips(page).nth(1)).toHaveAccessibleName('Image 2: one.png')
  await expect(page.getByText('Three images is the most an edit takes')).toBeVisible()

  // a chip click inserts its name; without names a hint explains why they matter
  await page.getByRole('textbox', { name: 'Instruction' }).fill('Blend the colours')
  await expect(page.getByRole('note').filter({ hasText: 'name them in the instruction' })).toBeVisible()
  await chips(page).nth(2).getByRole('button', { name: 'Image 3', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Instruction' })).toHaveValue('Blend the colours Image 3')
  await expect(page.getByRole('note').filter({ hasText: 'name them in the instruction' })).toBeHidden()

  await page.getByRole('spinbutton', { name: 'Outputs' }).fill('3')
  await expect(page.getByLabel('Edit cost')).toHaveText('3 images · $0.09')
  await page.getByRole('button', { name: 'Edit', exact: true }).click()

  const job = page.getByRole('article', { name: 'Job Blend the colours Image 3' })
  await expect(job.getByRole('status', { name: 'Job status' })).toHaveText('Done', { timeout: 20_000 })
  await expect(job.getByRole('img', { name: 'Blend the colours Image 3' })).toHaveCount(3)

  const images = await storedImages(page)
  const inputs = images.filter((i) => i.kind === 'input')
  const outputs = images.filter((i) => i.kind === 'edit')
  expect(inputs.map((i) => i.prompt).sort()).toEqual(['one.png', 'three.png', 'two.png'])
  expect(outputs).toHaveLength(3)
  const byName = (name: string) => inputs.find((i) => i.prompt === name)!.id
  for (const out of outputs) expect(out.parentIds).toEqual([byName('two.png'), byName('one.png'), byName('three.png')])
  // about a megapixel with the last input's aspect ratio (three.png, 700x700 -> 1:1), as the 2026 edit page says
  expect(outputs[0]).toMatchObject({ width: 1024, height: 1024 })

  // the gallery's detail links an output to its inputs, and an input to the edits made from it
  const gallery = page.getByRole('region', { name: 'Gallery' })
  await gallery.getByRole('button', { name: 'Blend the colours Image 3' }).first().click()
  const detail = page.getByRole('dialog', { name: 'Image details' })
  await expect(detail.getByRole('button', { name: /^Input [123]$/ })).toHaveCount(3)
  await detail.getByRole('button', { name: 'Input 1', exact: true }).click()
  await expect(detail.getByRole('button', { name: /^Edit [123]$/ })).toHaveCount(3)
  await detail.getByRole('button', { name: 'Close' }).click()

  // compare with Image 1, and continue editing from an output
  await job.getByRole('button', { name: 'Compare with Image 1' }).first().click()
  await expect(job.getByRole('region', { name: 'Compare' })).toBeVisible()
  await page.screenshot({ path: 'reports/screenshots/edit.png', fullPage: true })
  await job.getByRole('button', { name: 'Continue editing' }).first().click()
  await expect(chips(page).nth(0)).toHaveAccessibleName(/^Image 1: Blend the colours Image 3/)
})

test('a 4000x3000 image is downscaled on request and accepted', async ({ page }) => {
  await openEdit(page)
  await addFiles(page, [png('huge.png', 4000, 3000, 90)])
  const alert = page.getByRole('alert').filter({ hasText: 'huge.png' })
  await expect(alert).toContainText('4000x3000 px')
  await alert.getByRole('button', { name: 'Downscale to 3072×2304' }).click()
  await expect(chips(page)).toHaveCount(1)
  await expect(chips(page).nth(0)).toContainText('3072×2304')
  const [input] = await storedImages(page)
  expect(input).toMatchObject({ kind: 'input', width: 3072, height: 2304 })
})

test('a text file offered as an image is refused with a clear message', async ({ page }) => {
  await openEdit(page)
  await addFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') }])
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText('is not an image (accepted: JPG, JPEG, PNG, BMP, TIFF, WEBP or GIF (first frame))')
  await expect(chips(page)).toHaveCount(0)
})

test('qwen-image-edit does not offer more than one output', async ({ page }) => {
  await openEdit(page)
  await expect(page.getByRole('spinbutton', { name: 'Outputs' })).toHaveAttribute('max', '6')
  await page.getByRole('form', { name: 'Edit' }).getByLabel('Model').selectOption('qwen-image-edit')
  await expect(page.getByRole('spinbutton', { name: 'Outputs' })).toHaveCount(0)
  await expect(page.getByText('1 (this model makes one image per request)')).toBeVisible()
})
