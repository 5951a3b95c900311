import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const stamp = () => Date.now().toString(36)

test('an image deleted from the gallery disappears from every view, in this tab and another', async ({ page, context }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const other = await context.newPage()
  const otherStudio = new StudioPage(other)
  const otherGallery = new GalleryPage(other)
  await otherStudio.open()

  const prompt = `A paper boat on a pond, "Delete everywhere" (${stamp()})`
  await gallery.generate(studio, prompt)
  // Shown full size on the job card and as a thumbnail in the gallery, in both tabs.
  await studio.naturalSize(prompt)
  await otherGallery.expectThumbnail(prompt)
  await otherStudio.naturalSize(prompt)

  const dialog = await gallery.open(prompt)
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()

  for (const [s, g] of [
    [studio, gallery],
    [otherStudio, otherGallery],
  ] as const) {
    await expect(g.cell(prompt)).toHaveCount(0)
    await expect(s.page.getByRole('img', { name: prompt, exact: true })).toHaveCount(0)
    await expect(s.page.getByText('Deleted from the gallery').first()).toBeVisible()
  }
})
