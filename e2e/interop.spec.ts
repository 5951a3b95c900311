import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { strFromU8, unzipSync } from 'fflate'
import type { Locator, Page, Request, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures/test.ts'
import { insertChunks } from '../src/features/gallery/files/png-chunks.ts'
import { tEXtChunk } from '../src/features/gallery/files/png-text.ts'
import { pngBytes } from '../src/testing/image-bytes.ts'
import { pythonPngHeadText, readPngHeadText } from '../src/testing/png-head-text.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { JobCard } from './fixtures/job-card.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const stamp = () => Date.now().toString(36)
const run = promisify(execFile)

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
  const job = new JobCard(page, instruction)
  await job.expectStatus('Done')
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

/** A PNG as AUTOMATIC1111 writes it: a `parameters` tEXt chunk with its settings line. */
function a1111Png(settings: string) {
  const text = `a castle on a hill, golden hour\nNegative prompt: lowres, blurry\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, ${settings}, Version: v1.6.0`
  return insertChunks(pngBytes(64, 64, 120), [tEXtChunk('parameters', text)])
}

/** Drops a file on `target` the way a browser does (dragenter, then drop, with a DataTransfer). */
async function dropFile(page: Page, target: Locator, bytes: Uint8Array, name: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }))
      return dt
    },
    { b64: Buffer.from(bytes).toString('base64'), name },
  )
  await target.dispatchEvent('dragenter', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}

const restoreMessage = (page: Page) => page.getByLabel('Restore message', { exact: true })
const composePanel = (page: Page) => page.getByRole('region', { name: 'Compose panel' })
const isGeneration = (r: Request) => r.method() === 'POST' && r.url().includes('/api/v1/services/aigc/')

/** Presses the button and returns the JSON body the studio sent for it, once its job is done. */
async function sendAndCapture(page: Page, button: string, prompt: string) {
  const [request] = await Promise.all([page.waitForRequest(isGeneration), page.getByRole('button', { name: button, exact: true }).click()])
  const body = request.postDataJSON() as { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> }
  const job = new JobCard(page, prompt)
  await job.expectStatus('Done')
  console.log(`sent: ${JSON.stringify({ model: body.model, ...body.parameters })}`)
  return body
}

test.describe('dropping a file on the compose or edit panel restores only what the studio can send', () => {
  test('an A1111 PNG with an unknown model: the current model stays', async ({ page }) => {
    const studio = new StudioPage(page)
    await studio.open()
    await page.getByRole('form', { name: 'Compose' }).getByLabel('Model').selectOption('qwen-image')
    await dropFile(page, composePanel(page), a1111Png('Seed: 1234, Size: 1328x1328, Model hash: 31e35c80fc, Model: sdxl'), 'sdxl.png')
    await expect(restoreMessage(page)).toHaveCount(1)
    await expect(restoreMessage(page)).toContainText('Left out: model “sdxl” (not a text-to-image model the studio can send; qwen-image stays)')
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
    await expect(restoreMessage(page)).toContainText('seed 4294967296 (a seed is a whole number from 0 to 2147483647; the form’s seed stays)')
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
    await expect(restoreMessage(page)).toContainText('Changed: size 1000×700 → 1472×1140 (4:3, the nearest size qwen-image-plus makes)')
    console.log(`message: ${await restoreMessage(page).textContent()}`)
    await expect(studio.aspectRatio('4:3')).toBeChecked()
    const body = await sendAndCapture(page, 'Generate', 'a castle on a hill, golden hour')
    expect(body).toMatchObject({ model: 'qwen-image-plus', parameters: { seed: 42, size: '1472*1140' } })
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

test('copy as code: the curl text, run against the simulator with its key, makes the same image byte for byte (and so does the fetch code)', async ({ page, baseURL }) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `A tin robot's "Hello" sign, 你好 (${stamp()})`
  await studio.page.getByLabel('Negative prompt', { exact: true }).fill('blurry')
  await gallery.generate(studio, prompt, '4:3')
  const stored = await gallery.stored()
  const [record] = stored.records
  const kept = stored.images[record!.id]!

  await gallery.open(prompt)
  await gallery.dialog.getByText('Copy as code').click()
  const codeOf = async (tab: string) => {
    await gallery.dialog.getByRole('tab', { name: tab }).click()
    const pre = gallery.dialog.getByLabel(`${tab} code`)
    await expect(pre).toContainText('DASHSCOPE_API_KEY')
    return (await pre.textContent())!
  }
  const curl = await codeOf('curl')
  expect(curl).toContain('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis')
  const simulator = `${baseURL}/simulator/api/v1`
  const env = { ...process.env, DASHSCOPE_API_KEY: 'sim-local-key' }
  const [create, poll] = curl.replaceAll('https://dashscope-intl.aliyuncs.com/api/v1', simulator).split('\n\n')
  const created = JSON.parse((await run('bash', ['-c', `${create} --silent --show-error`], { env })).stdout) as { output: { task_id: string } }
  let task: { output: { task_status: string; results?: { url: string }[] } }
  do {
    await page.waitForTimeout(300)
    task = JSON.parse((await run('bash', ['-c', `${poll} --silent --show-error`], { env: { ...env, TASK_ID: created.output.task_id } })).stdout) as typeof task
  } while (['PENDING', 'RUNNING'].includes(task.output.task_status))
  expect(task.output.task_status).toBe('SUCCEEDED')
  const sha = async (url: string) => createHash('sha256').update(new Uint8Array(await (await fetch(url)).arrayBuffer())).digest('hex')
  const fromCurl = await sha(task.output.results![0]!.url)
  console.log(`curl: task ${created.output.task_id}, image sha256 ${fromCurl.slice(0, 16)}…, kept ${kept.slice(0, 16)}…`)
  expect(fromCurl).toBe(kept)

  const js = (await codeOf('JavaScript')).replaceAll('https://dashscope-intl.aliyuncs.com/api/v1', simulator).replace('setTimeout(resolve, 2000)', 'setTimeout(resolve, 200)')
  const url = (await run(process.execPath, ['--input-type=module', '-e', js], { env })).stdout.trim()
  const fromFetch = await sha(url)
  console.log(`fetch: image sha256 ${fromFetch.slice(0, 16)}…`)
  expect(fromFetch).toBe(kept)
  expect(await codeOf('Python')).toContain('dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"')
})

test('JPEG and WebP downloads at a chosen quality carry the parameters in XMP; copy image puts a PNG on the clipboard', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `A lantern festival "Night" <1 & 2> 灯会 (${stamp()})`
  await gallery.generate(studio, prompt, '16:9')
  const [record] = (await gallery.stored()).records

  const saveAs = async (format: string, quality?: number) => {
    await gallery.open(prompt)
    await gallery.dialog.getByLabel('Download format').selectOption(format)
    if (quality !== undefined) await gallery.dialog.getByLabel('Quality').fill(String(quality))
    const [event] = await Promise.all([page.waitForEvent('download'), gallery.dialog.getByRole('button', { name: 'Download', exact: true }).click()])
    const file = testInfo.outputPath(`${format}-${quality}-${event.suggestedFilename()}`)
    await event.saveAs(file)
    await gallery.dialog.getByRole('button', { name: 'Close' }).click()
    return { file, name: event.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) }
  }

  const sizes: Record<string, number> = {}
  for (const [format, magic, ext] of [['jpeg', 'ffd8ff', 'jpg'], ['webp', '52494646', 'webp']] as const) {
    const low = await saveAs(format, 40)
    const high = await saveAs(format, 95)
    for (const { bytes, name } of [low, high]) {
      expect(Buffer.from(bytes.subarray(0, magic.length / 2)).toString('hex')).toBe(magic)
      expect(name).toMatch(new RegExp(`-${record!.seed}\\.${ext}$`))
      // the XMP, found in the bytes as any XMP reader finds it: the packet, dc:description and the studio JSON
      const text = Buffer.from(bytes).toString('utf8')
      const packet = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(text)?.[0]
      expect(packet).toBeDefined()
      const description = /<dc:description><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</.exec(packet!)?.[1]
      expect(description).toContain('A lantern festival &quot;Night&quot; &lt;1 &amp; 2&gt; 灯会')
      expect(description).toContain(`Seed: ${record!.seed}, Size: 1664x928, Model: qwen-image-plus`)
      const json = /<qis:parameters>([^<]*)</.exec(packet!)?.[1]?.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
      expect(JSON.parse(json!)).toMatchObject({ prompt, seed: record!.seed, model: 'qwen-image-plus', size: '1664*928' })
    }
    if (format === 'webp') expect(Buffer.from(low.bytes.subarray(12, 16)).toString('latin1')).toBe('VP8X')
    // Chromium decodes what was written, at full size
    const decoded = await page.evaluate(
      async ({ b64, type }) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type }))
        return { width: bitmap.width, height: bitmap.height }
      },
      { b64: Buffer.from(high.bytes).toString('base64'), type: `image/${format}` },
    )
    expect(decoded).toEqual({ width: 1664, height: 928 })
    sizes[`${format} q40`] = low.bytes.length
    sizes[`${format} q95`] = high.bytes.length
    expect(high.bytes.length).toBeGreaterThan(low.bytes.length)

    // dropped back on the compose panel, it restores its parameters
    await studio.prompt.fill('something else')
    await dropFile(page, composePanel(page), high.bytes, high.name)
    await expect(restoreMessage(page)).toContainText(`Restored from ${high.name} into the text-to-image form`)
    await expect(studio.prompt).toHaveValue(prompt)
  }
  console.log(`bytes: ${JSON.stringify(sizes)}`)

  await gallery.open(prompt)
  await gallery.dialog.getByRole('button', { name: 'Copy image' }).click()
  await expect(page.getByText('Image copied.')).toBeVisible()
  const clip = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read()
    const blob = await item!.getType('image/png')
    const bitmap = await createImageBitmap(blob)
    return { types: item!.types, bytes: blob.size, width: bitmap.width, height: bitmap.height }
  })
  console.log(`clipboard: ${JSON.stringify(clip)}`)
  expect(clip).toMatchObject({ types: ['image/png'], width: 1664, height: 928 })
})
