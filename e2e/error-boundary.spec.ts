import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('a part of the studio that cannot load says so and offers a reload; the rest keeps working', async ({ page }) => {
  // The edit panel's chunk is lost (a redeploy, a dropped connection).
  await page.route(/\/assets\/edit-panel-[^/]+\.js$/, (route) => route.abort('connectionrefused'))
  const studio = new StudioPage(page)
  await studio.open()
  await page.getByRole('tab', { name: 'Edit images' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'The edit panel stopped working.' })
  await expect(alert).toBeVisible()
  await expect(alert).toContainText('could not be loaded from the server')
  await expect(alert.getByRole('button', { name: 'Reload the studio' })).toBeVisible()
  // The job list and gallery are still there, and text to image still works.
  await expect(page.getByRole('region', { name: 'Gallery' })).toBeVisible()
  await page.getByRole('tab', { name: 'Text to image' }).click()
  await expect(studio.prompt).toBeVisible()
  await page.getByRole('tab', { name: 'Edit images' }).click()
  await expect(alert).toBeVisible()

  // Once the server answers again, the reload brings the panel back.
  await page.unroute(/\/assets\/edit-panel-[^/]+\.js$/)
  await alert.getByRole('button', { name: 'Reload the studio' }).click()
  await page.getByRole('tab', { name: 'Edit images' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'stopped working' })).toHaveCount(0)
  await expect(
    page
      .getByRole('region', { name: 'Compose panel' })
      .getByText(/Image 1|drop|paste/i)
      .first(),
  ).toBeVisible()
})
