import { expect, test } from './fixtures/test.ts'
import { pngBytes } from '../src/testing/image-bytes.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { a1111Png, composePanel, download, dropFile, editOnce, restoreMessage, sendAndCapture, stamp } from './fixtures/interop.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test.describe('dropping a file on the compose or edit panel restores only what the studio can send', () => {
  test('an A1111 PNG with an unknown model: the current model stays', async ({ page }) => {
    const studio = new StudioPage(page)
    await studio.open()
    await page.getByRole('form', { name: 'Compose' }).getByLabel('Model').selectOption('qwen-image')
    await dropFile(page, composePanel(page), a1111Png('Seed: 1234, Size: 1328x1328, Model hash: 31e35c80fc, Model: sdxl'), 'sdxl.png')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toContainText(
      'Left out: model “sdxl” (not a text-to-image model the studio can send; qwen-image stays)',
    )
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(page.getByRole('form', { name: 'Compose' }).getByLabel('Model')).toHaveValue('qwen-image')
    await expect(studio.prompt).toHaveValue('a castle on a hill, golden hour')
    await expect(page.getByLabel('Cost')).toHaveText('1 image · $0.035')
    const body = await sendAndCapture(page, 'Generate', 'a castle on a hill, golden hour')
    expect(body.model).toBe('qwen-image')
    expect(body.parameters).toMatchObject({ seed: 1234, size: '1328*1328' })
  })

  test('an out-of-range seed is left out, and the form’s seed is sent', async ({ page }) => {
    const studio = new StudioPage(page)
    await studio.open()
    await page.getByLabel('Seed', { exact: true }).fill('777')
    await dropFile(page, composePanel(page), a1111Png('Seed: 4294967296, Size: 1664x928, Model: qwen-image-plus'), 'big-seed.png')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toContainText(
      'seed 4294967296 (a seed is a whole number from 0 to 2147483647; the form’s seed stays)',
    )
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('777')
    await expect(studio.aspectRatio('16:9')).toBeChecked()
    const body = await sendAndCapture(page, 'Generate', 'a castle on a hill, golden hour')
    expect(body).toMatchObject({ model: 'qwen-image-plus', parameters: { seed: 777, size: '1664*928' } })
  })

  test('a size the model does not make becomes the nearest one, and says so', async ({ page }) => {
    const studio = new StudioPage(page)
    await studio.open()
    await studio.pickAspectRatio('1:1')
    await dropFile(page, composePanel(page), a1111Png('Seed: 42, Size: 1000x700, Model: qwen-image-plus'), 'odd-size.png')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toContainText('Changed: size 1000×700 → 1472×1104 (4:3, the nearest size qwen-image-plus makes)')
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(studio.aspectRatio('4:3')).toBeChecked()
    const body = await sendAndCapture(page, 'Generate', 'a castle on a hill, golden hour')
    expect(body).toMatchObject({ model: 'qwen-image-plus', parameters: { seed: 42, size: '1472*1104' } })
  })

  test('an edit result opens the edit panel with its model and its input from the library', async ({ page }, testInfo) => {
    const studio = new StudioPage(page)
    const gallery = new GalleryPage(page)
    await studio.open()
    const instruction = `Make the sky purple (${stamp()})`
    await editOnce(page, instruction)
    await gallery.expectThumbnail(instruction)
    const { bytes } = await download(page, gallery, instruction, testInfo, 'edit.png')

    // the edit panel moves on: other model, no inputs, other instruction
    await page.getByRole('tab', { name: 'Edit images' }).click()
    await page.getByRole('form', { name: 'Edit' }).getByLabel('Model').selectOption('qwen-image-edit')
    await page.getByRole('button', { name: /^Remove Image 1/ }).click()
    await page.getByRole('textbox', { name: 'Instruction' }).fill('something else')
    await page.getByRole('tab', { name: 'Text to image' }).click()

    await dropFile(page, composePanel(page), bytes, 'edit.png')
    await expect(page.getByRole('tab', { name: 'Edit images' })).toHaveAttribute('aria-selected', 'true')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toContainText('into the edit panel')
    await expect(restoreMessage(page)).toContainText('model qwen-image-edit-plus')
    await expect(restoreMessage(page)).toContainText('its input from the library')
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(page.getByRole('form', { name: 'Edit' }).getByLabel('Model')).toHaveValue('qwen-image-edit-plus')
    await expect(page.getByRole('textbox', { name: 'Instruction' })).toHaveValue(instruction)
    await expect(page.getByRole('list', { name: 'Input images' }).getByRole('listitem')).toHaveCount(1)
    const body = await sendAndCapture(page, 'Edit', instruction)
    expect(body.model).toBe('qwen-image-edit-plus')
    expect(JSON.stringify(body.input)).toMatch(/"image":"data:image\/png;base64,/)
  })

  test('a PNG without text, dropped on the edit panel: one clear message, nothing changed', async ({ page }) => {
    const studio = new StudioPage(page)
    await studio.open()
    await page.getByRole('tab', { name: 'Edit images' }).click()
    await page.getByRole('textbox', { name: 'Instruction' }).fill('keep me')
    await dropFile(page, page.getByRole('form', { name: 'Edit' }), pngBytes(64, 64, 30), 'plain.png')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toHaveText(/plain\.png carries no parameters to restore: it has no “parameters” or studio text/)
    await expect(restoreMessage(page)).toHaveRole('alert')
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(page.getByRole('textbox', { name: 'Instruction' })).toHaveValue('keep me')
    await expect(page.getByRole('tab', { name: 'Edit images' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('list', { name: 'Input images' })).toHaveCount(0)
  })
})
