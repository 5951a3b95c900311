import { expect, test } from './fixtures/test.ts'
import { JobCard } from './fixtures/job-card.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('five jobs: never more than 2 running at once, all five land', async ({ page, sim }) => {
  await sim.configure({ runMs: 1500 })
  const studio = new StudioPage(page)
  await studio.open()
  await studio.prompt.fill('A lighthouse at dusk, "Queue test"')
  await studio.chooseBatch('Seed sweep')
  await page.getByLabel('Images').fill('5')
  await expect(page.getByLabel('Cost')).toContainText('5 images')
  await studio.generate.click()

  // while they run, the studio's own view agrees with the account limits
  await expect(page.getByLabel('Queue summary')).toContainText(/[12] running/)
  await expect(studio.jobsWithStatus('Done')).toHaveCount(5, { timeout: 30_000 })
  const stats = await sim.stats()
  expect(stats.succeeded).toBe(5)
  expect(stats.maxConcurrent).toBeLessThanOrEqual(2)
  expect(stats.maxConcurrent).toBe(2)
  await expect(page.getByRole('img', { name: 'A lighthouse at dusk, "Queue test"', exact: true })).toHaveCount(5)
})

test('reload mid-job: the job resumes polling and the image still arrives', async ({ page, sim }) => {
  await sim.configure({ queueMs: 1000, runMs: 3000 })
  const studio = new StudioPage(page)
  await studio.open()
  const prompt = 'A paper boat on a rainy street, "Reload"'
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  await expect(studio.jobsWithStatus(/Pending|Running/)).toHaveCount(1)
  await page.reload()
  await expect(studio.jobsWithStatus('Done')).toHaveCount(1, { timeout: 20_000 })
  expect(await studio.naturalSize(prompt)).toEqual({ width: 1328, height: 1328 })
  expect((await sim.stats()).submissions).toBe(1)
})

test('cancel a PENDING job', async ({ page, sim }) => {
  await sim.configure({ queueMs: 20_000 })
  const studio = new StudioPage(page)
  await studio.open()
  await studio.prompt.fill('Cancel me')
  await studio.generate.click()
  const job = new JobCard(page, 'Cancel me')
  await expect(job.status).toHaveText('Pending')
  await job.root.getByRole('button', { name: 'Cancel' }).click()
  await expect(job.status).toHaveText('Canceled')
  expect((await sim.stats()).canceled).toBe(1)
})

test('a wrong key shows a readable message with what to do', async ({ page, sim }) => {
  // the gateway keeps sending its key; the simulator no longer accepts it
  await sim.configure({ apiKeys: ['another-key'] })
  const studio = new StudioPage(page)
  await studio.open()
  await studio.prompt.fill('Wrong key')
  await studio.generate.click()
  const alert = new JobCard(page, 'Wrong key').alert
  await expect(alert).toContainText('InvalidApiKey')
  await expect(alert).toContainText('Check the API key set on the studio server')
  await expect(alert).toContainText('region setting matches')
})

test('prompt extend: the diff view marks what the rewrite inserted, and replay sends it exactly', async ({ page, sim }) => {
  const studio = new StudioPage(page)
  await studio.open()
  const prompt = 'A cat on a sofa with a sign saying "Nap Time"'
  await studio.prompt.fill(prompt)
  await expect(page.getByRole('switch', { name: 'Prompt extend' })).toBeChecked()
  await studio.generate.click()
  const job = new JobCard(page, prompt)
  await job.expectStatus('Done')
  await job.root.getByRole('button', { name: 'Show prompt rewrite' }).click()
  const diff = job.root.getByRole('region', { name: 'Prompt rewrite' })
  await expect(diff.locator('ins').first()).toBeVisible()
  expect(await diff.locator('ins').count()).toBeGreaterThan(0)
  await diff.getByRole('button', { name: 'Replay exactly' }).click()
  await expect(studio.jobsWithStatus('Done')).toHaveCount(2, { timeout: 20_000 })
  const stats = await sim.stats()
  expect(stats.submissions).toBe(2)
})
