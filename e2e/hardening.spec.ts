import type { Page } from '@playwright/test'
import { readStudioDB } from './fixtures/studio-db.ts'
import { expect, test } from './fixtures/test.ts'
import { JobCard } from './fixtures/job-card.ts'
import { StudioPage } from './fixtures/studio-page.ts'

/** The studio's IndexedDB as it is now: job statuses and the number of stored images. */
async function readStore(page: Page): Promise<{ jobs: { status: string }[]; images: number }> {
  const { jobs, images } = await readStudioDB(page, ['jobs', 'images'])
  return { jobs: jobs.map((j) => ({ status: String(j.status) })), images: images.length }
}

test('injected InternalError and Throttling on submission are retried, and the job lands', async ({ page, sim }) => {
  // The served SPA runs under its CSP (no inline script or style): nothing may be blocked.
  const blocked: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text())
  })
  const studio = new StudioPage(page)
  await studio.open()
  const headers = (await page.request.get('/')).headers()
  expect(headers['content-security-policy']).toContain("script-src 'self'")
  expect(headers['x-frame-options']).toBe('DENY')
  await sim.injectFaults(['internal-error', 'throttling'])
  const prompt = 'A kite festival poster, "Retry"'
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  await expect(studio.jobsWithStatus('Done')).toHaveCount(1, { timeout: 30_000 })
  expect(await studio.naturalSize(prompt)).toEqual({ width: 1328, height: 1328 })
  const stats = await sim.stats()
  expect(stats.submissions).toBe(1)
  expect(stats.throttled).toBe(1)
  expect(stats.succeeded).toBe(1)
  expect(blocked).toEqual([])
})

test('a task FAILED with DataInspectionFailed shows a readable message and advice', async ({ page, sim }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await sim.injectFaults(['data-inspection-failed'])
  await studio.prompt.fill('A harmless teapot')
  await studio.generate.click()
  await expect(studio.jobsWithStatus('Failed')).toHaveCount(1, { timeout: 20_000 })
  const alert = new JobCard(page, 'A harmless teapot').alert
  await expect(alert).toContainText('DataInspectionFailed')
  await expect(alert).toContainText('content was blocked')
})

test('20 reload-mid-job cycles lose 0 images', async ({ page, sim }) => {
  test.setTimeout(150_000)
  const CYCLES = 20
  await sim.configure({ queueMs: 500, runMs: 1000 })
  const studio = new StudioPage(page)
  await studio.open()

  for (let i = 0; i < CYCLES; i++) {
    await studio.prompt.fill(`Reload cycle ${i}, "R${i}"`)
    await studio.generate.click()
    // Reload only once this job holds a task id (pending or running at the vendor) and no job is
    // between "sent" and "task id known": that one's result would be unknown after a reload.
    await expect
      .poll(
        async () => {
          const { jobs } = await readStore(page)
          const inFlight = jobs.filter((j) => j.status === 'queued' || j.status === 'submitting').length
          const atVendor = jobs.filter((j) => j.status === 'pending' || j.status === 'running').length
          return jobs.length === i + 1 && inFlight === 0 && atVendor > 0
        },
        { timeout: 20_000, intervals: [50] },
      )
      .toBe(true)
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Qwen Image Studio' })).toBeVisible()
  }

  await expect
    .poll(async () => (await readStore(page)).jobs.filter((j) => j.status === 'succeeded').length, { timeout: 60_000 })
    .toBe(CYCLES)
  const { jobs, images } = await readStore(page)
  const lost = CYCLES - images
  console.log(`reload cycles: ${CYCLES}, images lost: ${lost} (jobs: ${jobs.length}, stored images: ${images})`)
  expect(jobs.map((j) => j.status)).toEqual(Array.from({ length: CYCLES }, () => 'succeeded'))
  expect(images).toBe(CYCLES)
  expect((await sim.stats()).submissions).toBe(CYCLES)
})
