import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
import { strFromU8, unzipSync } from 'fflate'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures/test.ts'
import { pngBytes } from '../src/testing/image-bytes.ts'
import { pythonPngHeadText, readPngHeadText } from '../src/testing/png-head-text.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const stamp = () => Date.now().toString(36)

/** Opens the image's detail, presses Download, and returns the saved file and its bytes. */
async function download(page: Page, gallery: GalleryPage, prompt: string, testInfo: TestInfo, name: string) {
  await gallery.open(prompt)
  const [event] = await Promise.all([page.waitForEvent('download'), gallery.dialog.getByRole('button', { name: 'Download', exact: true }).click()])
  const file = testInfo.outputPath(name)
  await event.saveAs(file)
  await gallery.dialog.getByRole('button', { name: 'Close' }).click()
  return { file, bytes: new Uint8Array(await readFile(file)), suggested: event.suggestedFilename() }
}

async function editOnce(page: Page, instruction: string) {
  await page.getByRole('tab', { name: 'Edit images' }).click()
  await page.getByLabel('Add input images').setInputFiles([{ name: `input-${stamp()}.png`, mimeType: 'image/png', buffer: Buffer.from(pngBytes(640, 480, 90)) }])
  await expect(page.getByRole('list', { name: 'Input images' }).getByRole('listitem')).toHaveCount(1)
  await page.getByRole('textbox', { name: 'Instruction' }).fill(instruction)
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const job = page.getByRole('article', { name: `Job ${instruction}` })
  await expect(job.getByRole('status', { name: 'Job status' })).toHaveText('Done', { timeout: 20_000 })
  await page.getByRole('tab', { name: 'Text to image' }).click()
}

test('every kind of downloaded PNG carries both text chunks before the first IDAT (stdlib readers in Node and Python)', async ({ page }, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const latin = `A red fox in the snow, "Head first" (${stamp()})`
  const chinese = `一张海报，标题是“开业大吉” (${stamp()})`
  const instruction = `Make the sky purple (${stamp()})`
  await gallery.generate(studio, latin, '16:9')
  await gallery.generate(studio, chinese, '3:4')
  await editOnce(page, instruction)
  await gallery.expectThumbnail(instruction)

  for (const [kind, prompt] of [['t2i', latin], ['t2i', chinese], ['edit', instruction]] as const) {
    const { file, bytes } = await download(page, gallery, prompt, testInfo, `${kind}-${prompt.length}.png`)
    const head = readPngHeadText(bytes)
    const python = pythonPngHeadText(file)
    console.log(`${kind} "${prompt.slice(0, 24)}…": ${bytes.length} B, chunks up to the first IDAT ${head.chunks.join(',')}; keywords: node [${Object.keys(head.texts).join(', ')}], python [${Object.keys(python).join(', ')}]`)
    expect(head.chunks.at(-1)).toBe('IDAT')
    expect(python).toEqual(head.texts)
    expect(JSON.parse(head.texts['qwen-image-studio']!)).toMatchObject({ prompt, kind })
    expect(head.texts['parameters']!.split('\n')[0]).toBe(prompt)
    expect(head.texts['parameters']).toMatch(/Seed: \d+, Size: \d+x\d+, Model: qwen-image/)
  }
})

test('zip export: stamped PNGs under readable names; each one alone restores its parameters; bare links and kept-bytes hashes in the manifest', async ({ page }, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompts = [`A lighthouse at dusk, "Zip A" (${stamp()})`, `一只猫在窗台上 "Zip B" (${stamp()})`]
  await gallery.generate(studio, prompts[0]!, '16:9')
  await gallery.generate(studio, prompts[1]!, '9:16')
  const stored = await gallery.stored()

  const [event] = await Promise.all([page.waitForEvent('download'), gallery.exportButton.click()])
  const zipFile = testInfo.outputPath('gallery.zip')
  await event.saveAs(zipFile)
  const files = unzipSync(new Uint8Array(await readFile(zipFile)))
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
    records: { id: string; prompt: string; seed: number; remoteUrl?: string }[]
    files: Record<string, { image: string; sha256: string; stamped: boolean }>
  }
  // names as another tool lists them (Python's zipfile honours the UTF-8 flag)
  const listed = JSON.parse(
    execFileSync('python3', ['-c', 'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', zipFile], { encoding: 'utf8' }),
  ) as string[]
  expect(listed.sort()).toEqual(Object.keys(files).sort())

  for (const record of manifest.records) {
    const entry = manifest.files[record.id]!
    const bytes = files[entry.image]!
    console.log(`zip: ${entry.image} ${bytes.length} B, sha256 of kept bytes ${entry.sha256.slice(0, 12)}…, link ${record.remoteUrl}`)
    expect(entry.image).toMatch(new RegExp(`^images/\\d{4}-\\d{2}-\\d{2}_${record.seed}_[^/]+\\.png$`))
    expect(entry.sha256).toBe(stored.images[record.id])
    expect(createHash('sha256').update(bytes).digest('hex')).not.toBe(entry.sha256) // stamped, not as kept
    expect(record.remoteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/simulator\/results\/[^?]+\.png$/)
    expect(readPngHeadText(bytes).texts['parameters']?.split('\n')[0]).toBe(record.prompt)

    // taken out of the zip alone and given to the studio: its parameters come back
    const alone = testInfo.outputPath(entry.image.split('/')[1]!)
    await writeFile(alone, bytes)
    await studio.prompt.fill('something else')
    await page.getByLabel('Seed', { exact: true }).fill('7')
    await gallery.importInput.setInputFiles(alone)
    await expect(studio.prompt).toHaveValue(record.prompt)
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue(String(record.seed))
  }
  expect(new Set(Object.values(manifest.files).map((f) => f.image)).size).toBe(2)
})
