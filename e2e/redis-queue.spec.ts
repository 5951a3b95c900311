import type { Browser } from '@playwright/test'
import { startRedisServer } from '../scripts/redis-server.ts'
import { readStudioDB } from './fixtures/studio-db.ts'
import { standaloneSimulator, studioOn, tempDir } from './fixtures/processes.ts'
import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

/**
 * Redis mode (REDIS_URL): the queue, the account's limits and the journal in a real redis-server,
 * shared by two studio instances that are real processes. The upstream is a standalone simulator,
 * the account; its tasks run 0.8 s (the vendor's 20 s, scaled down: each ends before its first
 * poll). A studio killed mid-batch in Redis mode: queue-restart.spec.ts.
 */
const ACCOUNT = { SIMULATOR_QUEUE_MS: '100', SIMULATOR_RUN_MS: '700' }

async function seedSweep(browser: Browser, url: string, prompt: string, images: number) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  const ui = new StudioPage(page)
  await expect(page.getByRole('heading', { name: 'Qwen Image Studio' })).toBeVisible()
  await ui.prompt.fill(prompt)
  await ui.chooseBatch('Seed sweep')
  await page.getByLabel('Images').fill(String(images))
  return { context, page, ui }
}

test('Redis mode: two studio instances on one Redis, 3 browsers: the account’s limits hold across instances', async ({ browser }) => {
  test.setTimeout(120_000)
  const redis = await startRedisServer()
  const sim = await standaloneSimulator(ACCOUNT)
  const data = [tempDir('qis-redis-a-'), tempDir('qis-redis-b-')]
  const studios = [
    await studioOn(sim.baseUrl, data[0]!.dir, { REDIS_URL: redis.url }),
    await studioOn(sim.baseUrl, data[1]!.dir, { REDIS_URL: redis.url }),
  ]
  // two people on the first instance, one on the second, 3 images each
  const people = await Promise.all(
    ['Ada', 'Ben', 'Cy'].map((name, i) => seedSweep(browser, studios[i === 2 ? 1 : 0]!.url, `Shared account ${name}, "TEAM"`, 3)),
  )
  try {
    await Promise.all(people.map((p) => p.ui.generate.click()))
    // each sees the account-wide queue, whichever instance it reached
    await expect(people[2]!.page.getByLabel('Queue summary')).toContainText('3 people')
    for (const p of people) await expect(p.ui.jobsWithStatus('Done')).toHaveCount(3, { timeout: 60_000 })
    const stats = await sim.stats()
    console.log(
      `two instances, 3 browsers: max running ${stats.maxConcurrent}, 429s ${stats.throttled}, submissions ${stats.submissions}, succeeded ${stats.succeeded}`,
    )
    expect(stats.maxConcurrent).toBe(2)
    expect(stats.throttled).toBe(0)
    expect(stats.submissions).toBe(9)
    expect(stats.succeeded).toBe(9)
    for (const p of people) expect((await readStudioDB(p.page, ['images'])).images).toHaveLength(3)
  } finally {
    await Promise.all(people.map((p) => p.context.close()))
    for (const s of studios) await s.process.stop()
    await sim.process.stop()
    await redis.stop()
    for (const d of data) d.remove()
  }
})
