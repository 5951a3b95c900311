import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('an extend on/off pair lands as a sheet of two; c compares them at stage size, slider then side by side', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  const prompt = `A/B poster "PAIR" (${Date.now()})`
  await studio.chooseBatch('Extend on vs off')
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  const stage = page.getByRole('region', { name: 'Stage' })
  await expect(stage.getByRole('list', { name: 'Contact sheet' }).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 })

  await page.locator('#stage').focus()
  await page.keyboard.press('c')
  const slider = stage.getByRole('group', { name: 'Slider comparison' })
  await expect(slider).toBeVisible()
  await expect(slider.getByText('Prompt extend on')).toBeVisible()
  await expect(slider.getByText('Prompt extend off')).toBeVisible()
  // At stage size: the compared images fill the stage, not a card.
  const stageBox = (await stage.boundingBox())!
  const sliderBox = (await slider.boundingBox())!
  expect(sliderBox.width).toBeGreaterThan(stageBox.width * 0.9)
  expect(sliderBox.height).toBeGreaterThan(stageBox.height * 0.6)
  // The range wipes between them: at 25% the top image is cut three quarters from the right.
  const range = stage.getByRole('slider')
  await range.focus()
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowLeft')
  await expect(range).toHaveValue('25')
  await expect(slider.getByRole('img').nth(1)).toHaveAttribute('style', /inset\(0px 75% 0px 0px\)|inset\(0 75% 0 0\)/)

  await page.locator('#stage').focus()
  await page.keyboard.press('c')
  const side = stage.getByRole('group', { name: 'Side by side' })
  await expect(side.getByRole('figure')).toHaveCount(2)
  await page.keyboard.press('c')
  await expect(side).toBeHidden()
  await expect(stage.getByRole('list', { name: 'Contact sheet' })).toBeVisible()
})

test('Delete on the stage removes the image, the stage moves on, Undo brings it back', async ({ page }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const first = `Delete me not (${Date.now()})`
  const second = `Delete me (${Date.now()})`
  for (const prompt of [first, second]) {
    await studio.prompt.fill(prompt)
    await studio.generate.click()
    await gallery.expectThumbnail(prompt)
  }
  const stage = page.getByRole('region', { name: 'Stage' })
  await gallery.cell(second).click()
  await expect(stage.getByRole('img', { name: `On stage: ${second}` })).toBeVisible()
  await page.locator('#stage').focus()
  await page.keyboard.press('Delete')
  await expect(gallery.cell(second)).toHaveCount(0)
  await expect(stage.getByRole('img', { name: `On stage: ${first}` })).toBeVisible()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(gallery.cell(second)).toBeVisible()
})

test('the gallery grid is one Tab stop: arrows move, x selects, Tab leaves the grid', async ({ page }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompts = [0, 1, 2].map((i) => `Grid cell ${i} (${Date.now()})`)
  for (const prompt of prompts) {
    await studio.prompt.fill(prompt)
    await studio.generate.click()
    await gallery.expectThumbnail(prompt)
  }
  const list = gallery.region.getByRole('list', { name: 'Gallery images' })
  await expect(list.locator('button[tabindex="0"]')).toHaveCount(1)
  await expect(list.getByRole('checkbox').first()).toHaveAttribute('tabindex', '-1')
  // newest first: the last prompt is the first cell
  await gallery.cell(prompts[2]!).focus()
  await page.keyboard.press('ArrowRight')
  await expect(gallery.cell(prompts[1]!)).toBeFocused()
  await expect(gallery.cell(prompts[1]!)).toHaveAttribute('tabindex', '0')
  await expect(list.locator('button[tabindex="0"]')).toHaveCount(1)
  await page.keyboard.press('x')
  await expect(gallery.region.getByRole('checkbox', { name: `Select: ${prompts[1]}` })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(list.locator('button:focus')).toHaveCount(0)
  await page.keyboard.press('Shift+Tab')
  await expect(gallery.cell(prompts[1]!)).toBeFocused()
})
