import type { Browser, Page } from '@playwright/test'
import { startRedisServer } from '../scripts/redis-server.ts'
import { readStudioDB } from './fixtures/studio-db.ts'
import { standaloneSimulator, studioOn, tempDir } from './fixtures/processes.ts'
import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

/**
 * Redis mode (REDIS_URL): the queue, the account's limits and the journal in a real redis-server,
 * shared by studio instances that are real processes (killed with SIGKILL). The upstream is a
 * standalone simulator, the account, which outlives every studio; its tasks run 0.8-1.7 s (the
 * vendor's 20 s, scaled down).
 */
const ACCOUNT = { SIMULATOR_QUEUE_MS: '200', SIMULATOR_RUN_MS: '1500' }
/** Shorter tasks where only the limits are looked at: each ends before its first poll. */
const QUICK_ACCOUNT = { SIMULATOR_QUEUE_MS: '100', SIMULATOR_RUN_MS: '700' }

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

const handed = async (page: Page) => (await readStudioDB(page, ['jobs'])).jobs.filter((j) => typeof j.handedAt === 'number').length

test('Redis mode: kill the studio server mid-batch, start it again: all six jobs land, each sent once', async ({ browser }) => {
  test.setTimeout(120_000)
  const redis = await startRedisServer()
  const sim = await standaloneSimulator(ACCOUNT)
  const data = tempDir('qis-redis-restart-')
  const studio = await studioOn(sim.baseUrl, data.dir, { REDIS_URL: redis.url })
  const { context, page, ui } = await seedSweep(browser, studio.url, 'Redis restart mid-batch, "AGAIN"', 6)
  try {
    await ui.generate.click()
    await expect.poll(() => handed(page)).toBe(6)
    // two tasks at the vendor, four waiting in Redis: kill it now
    await expect.poll(async () => (await sim.stats()).submissions, { intervals: [20] }).toBe(2)
    await studio.process.kill()
    await studio.process.start()
    // the page stays open: its event stream reconnects and resumes; the killed instance's two
    // tasks are taken over once its lock in Redis has expired
    await expect(ui.jobsWithStatus('Done')).toHaveCount(6, { timeout: 60_000 })
    const stats = await sim.stats()
    console.log(`Redis restart: submissions ${stats.submissions}, succeeded ${stats.succeeded}, max running ${stats.maxConcurrent}`)
    expect(stats.submissions).toBe(6)
    expect(stats.succeeded).toBe(6)
    expect(stats.throttled).toBe(0)
    expect(stats.maxConcurrent).toBeLessThanOrEqual(2)
    expect((await readStudioDB(page, ['images'])).images).toHaveLength(6)
  } finally {
    await context.close()
    await studio.process.stop()
    await sim.process.stop()
    await redis.stop()
    data.remove()
  }
})

test('Redis mode: two studio instances on one Redis, 3 browsers: the account’s limits hold across instances', async ({ browser }) => {
  test.setTimeout(120_000)
  const redis = await startRedisServer()
  const sim = await standaloneSimulator(QUICK_ACCOUNT)
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
