import type { Page } from '@playwright/test'
import { readStudioDB } from './fixtures/studio-db.ts'
import { expect, test } from './fixtures/test.ts'
import { EditPage, pngFile as png } from './fixtures/edit-page.ts'
import { JobCard } from './fixtures/job-card.ts'

/** Records in the studio's IndexedDB, read in the page. */
async function storedImages(page: Page) {
  return (await readStudioDB(page, ['images'])).images as unknown as {
    id: string
    kind: string
    prompt: string
    width: number
    height: number
    parentIds: string[]
  }[]
}

test('three ordered inputs, reordered, edited with n=3: three outputs linked to their inputs', async ({ page }) => {
  const edit = new EditPage(page)
  await edit.open()
  await edit.addFiles([png('one.png', 800, 600, 60), png('two.png', 600, 800, 130), png('three.png', 700, 700, 200)])
  await expect(edit.chips).toHaveCount(3)
  await expect(edit.chips.nth(0)).toHaveAccessibleName('Image 1: one.png')

  // reorder: by button, then the drop zone is full
  await page.getByRole('button', { name: 'Move Image 1 later' }).click()
  await expect(edit.chips.nth(0)).toHaveAccessibleName('Image 1: two.png')
  await expect(edit.chips.nth(1)).toHaveAccessibleName('Image 2: one.png')
  await expect(page.getByText('Three images is the most an edit takes')).toBeVisible()

  // a chip click inserts its name; without names a hint explains why they matter
  await page.getByRole('textbox', { name: 'Instruction' }).fill('Blend the colours')
  await expect(page.getByRole('note').filter({ hasText: 'name them in the instruction' })).toBeVisible()
  await edit.chips.nth(2).getByRole('button', { name: 'Image 3', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Instruction' })).toHaveValue('Blend the colours Image 3')
  await expect(page.getByRole('note').filter({ hasText: 'name them in the instruction' })).toBeHidden()

  await page.getByRole('spinbutton', { name: 'Outputs' }).fill('3')
  await expect(page.getByLabel('Edit cost')).toHaveText('3 images · $0.09')
  await page.getByRole('button', { name: 'Edit', exact: true }).click()

  const job = new JobCard(page, 'Blend the colours Image 3')
  await job.expectStatus('Done')
  await expect(job.root.getByRole('img', { name: 'Blend the colours Image 3' })).toHaveCount(3)

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
  await gallery.getByRole('button', { name: 'Blend the colours Image 3' }).first().dblclick() // a click puts it on the stage; a double-click opens its details
  const detail = page.getByRole('dialog', { name: 'Image details' })
  await expect(detail.getByRole('button', { name: /^Input [123]$/ })).toHaveCount(3)
  await detail.getByRole('button', { name: 'Input 1', exact: true }).click()
  await expect(detail.getByRole('button', { name: /^Edit [123]$/ })).toHaveCount(3)
  await detail.getByRole('button', { name: 'Close' }).click()

  // compare with Image 1, and continue editing from an output
  await job.root.getByRole('button', { name: 'Compare with Image 1' }).first().click()
  await expect(job.root.getByRole('region', { name: 'Compare' })).toBeVisible()
  await page.screenshot({ path: 'reports/screenshots/edit.png', fullPage: true })
  await job.root.getByRole('button', { name: 'Continue editing' }).first().click()
  await expect(edit.chips.nth(0)).toHaveAccessibleName(/^Image 1: Blend the colours Image 3/)
})

test('a 4000x3000 image is downscaled on request and accepted', async ({ page }) => {
  const edit = new EditPage(page)
  await edit.open()
  await edit.addFiles([png('huge.png', 4000, 3000, 90)])
  const alert = page.getByRole('alert').filter({ hasText: 'huge.png' })
  await expect(alert).toContainText('4000x3000 px')
  await alert.getByRole('button', { name: 'Downscale to 3072×2304' }).click()
  await expect(edit.chips).toHaveCount(1)
  await expect(edit.chips.nth(0)).toContainText('3072×2304')
  const [input] = await storedImages(page)
  expect(input).toMatchObject({ kind: 'input', width: 3072, height: 2304 })
})

test('a text file offered as an image is refused with a clear message', async ({ page }) => {
  const edit = new EditPage(page)
  await edit.open()
  await edit.addFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') }])
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText(
    'is not an image (accepted: JPG, JPEG, PNG, BMP, TIFF, WEBP or GIF (first frame))',
  )
  await expect(edit.chips).toHaveCount(0)
})

test('qwen-image-edit does not offer more than one output', async ({ page }) => {
  const edit = new EditPage(page)
  await edit.open()
  await expect(page.getByRole('spinbutton', { name: 'Outputs' })).toHaveAttribute('max', '6')
  await page.getByRole('form', { name: 'Edit' }).getByLabel('Model').selectOption('qwen-image-edit')
  await expect(page.getByRole('spinbutton', { name: 'Outputs' })).toHaveCount(0)
  await expect(page.getByText('1 (this model makes one image per request)')).toBeVisible()
})
