import type { Page } from '@playwright/test'
import { pngFile } from './fixtures/edit-page.ts'
import { expect, test } from './fixtures/test.ts'

/**
 * The studio in 简体中文 and English: with the browser's locale zh-CN, the whole main loop shows no
 * English UI text; the language switch is kept across a reload; no control's label is clipped.
 */

/**
 * Words that stay as they are in a Chinese UI: model ids, product and vendor names, file formats,
 * units, keys, code languages and the language switch's own "English". Anything else in Latin
 * letters outside user content is English left untranslated.
 */
const ALLOWED = [
  /qwen-image[\w.-]*/gi,
  /\bQwen(-Image)?\b/g,
  /\bDashScope\b/g,
  /\bAUTOMATIC1111\b/g,
  /\b(API Key|API|token|Unicode|UTF-8|XMP|ID|OCR|zip|JSON|README)\b/g,
  /\b(PNG|JPEG|JPG|WebP|WEBP|BMP|TIFF|TIF|GIF)\b/g,
  /\b(px|MB|KB|GB|s)\b/g,
  /\b(max)\b/g, // the model family ("max 系列")
  /\b(Ctrl|Cmd|Esc)\b/g,
  /\b(curl|Python|JavaScript)\b/g,
  /\b(US\$|CN¥)/g,
  /https?:\/\/|oss:\/\//g,
]

/**
 * Visible text nodes and the labels people read (aria-label, title, placeholder) outside user
 * content: prompts, file names, codes and the vendor's own messages are marked `data-user-content`,
 * `translate="no"` or `lang` of another language, and skipped.
 */
async function uiTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang
    const skip = (el: Element | null) =>
      !!el?.closest(`[data-user-content], [translate="no"], script, style, [lang]:not([lang="${pageLang}"]):not(html)`)
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      return (box.width > 0 && box.height > 0 && style.visibility !== 'hidden') || el.closest('.sr-only') !== null
    }
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      const text = node.textContent?.trim()
      if (!text || !el || skip(el) || !visible(el)) continue
      out.push(text)
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr)
        if (value) out.push(`${attr}=${value}`)
      }
    }
    return out
  })
}

/** The strings that still hold English words once the allowed words are taken out. */
async function englishLeft(page: Page, userContent: readonly string[] = []): Promise<string[]> {
  const texts = await uiTexts(page)
  return texts.filter((raw) => {
    let text = raw.replace(/^(aria-label|title|placeholder)=/, '')
    for (const user of userContent) text = text.split(user).join(' ')
    for (const allowed of ALLOWED) text = text.replace(allowed, ' ')
    return /[A-Za-z]{2,}/.test(text)
  })
}

async function expectNoEnglish(page: Page, where: string, userContent: readonly string[] = []) {
  expect(await englishLeft(page, userContent), `English UI text ${where}`).toEqual([])
}

test.describe('in 简体中文 (browser locale zh-CN)', () => {
  test.use({ locale: 'zh-CN' })

  test('the main loop (generate, rewrite diff, gallery, detail, edit, errors, shortcuts) shows no English', async ({ page, sim }) => {
    test.setTimeout(90_000)
    const prompt = '一张海报，标题写着“夏日特惠”'
    const instruction = '把背景换成蓝色'
    const files = ['一号.png']
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Qwen 图像工作室' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expectNoEnglish(page, 'on the compose panel')

    // generate, with prompt extend on (the default): the rewrite's diff
    await page.getByLabel('提示词', { exact: true }).fill(prompt)
    await page.getByRole('button', { name: '生成', exact: true }).click()
    const job = page.getByRole('article', { name: `任务 ${prompt}` })
    await expect(job.getByRole('status', { name: '任务状态' })).toHaveText('完成', { timeout: 20_000 })
    await job.getByRole('button', { name: '查看提示词改写' }).click()
    await expect(page.getByRole('region', { name: '提示词改写' })).toBeVisible()
    await expectNoEnglish(page, 'with a result and its prompt rewrite', [prompt])

    // the gallery and the detail
    const gallery = page.getByRole('region', { name: '图库' })
    await gallery.getByRole('button', { name: prompt }).first().dblclick()
    const detail = page.getByRole('dialog', { name: '图片详情' })
    await expect(detail).toBeVisible()
    await expect(detail.getByText('已保存到本地')).toBeVisible()
    await detail.getByText('复制为代码').click()
    await expectNoEnglish(page, 'in the image detail', [prompt])
    await detail.getByRole('button', { name: '关闭' }).first().click()

    // edit
    await page.getByRole('tab', { name: '图像编辑' }).click()
    await page.getByLabel('添加输入图片').setInputFiles([pngFile(files[0]!, 800, 600, 90)])
    await expect(page.getByRole('list', { name: '输入图片' }).getByRole('listitem')).toHaveCount(1)
    await page.getByRole('textbox', { name: '编辑指令' }).fill(instruction)
    await page.getByRole('button', { name: '编辑', exact: true }).click()
    const edit = page.getByRole('article', { name: `任务 ${instruction}` })
    await expect(edit.getByRole('status', { name: '任务状态' })).toHaveText('完成', { timeout: 20_000 })
    await expectNoEnglish(page, 'in the edit panel with a result', [prompt, instruction, ...files])

    // an error: the advice is translated; the API's own code and message stay as the API gave them
    await page.getByRole('tab', { name: '文生图' }).click()
    await sim.injectFaults(['data-inspection-failed'])
    await page.getByLabel('提示词', { exact: true }).fill('一只茶壶')
    await page.getByRole('button', { name: '生成', exact: true }).click()
    const failed = page.getByRole('article', { name: '任务 一只茶壶' })
    await expect(failed.getByRole('status', { name: '任务状态' })).toHaveText('失败', { timeout: 20_000 })
    await expect(failed.getByRole('alert')).toContainText('内容未通过安全审核')
    await expect(failed.getByRole('alert')).toContainText('DataInspectionFailed')
    await expectNoEnglish(page, 'with a failed job', [prompt, instruction, '一只茶壶', ...files])

    // the shortcuts sheet
    await page.getByRole('button', { name: '键盘快捷键' }).click()
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible()
    await expectNoEnglish(page, 'in the shortcuts sheet', [prompt, instruction, '一只茶壶', ...files])
  })

  test('switching to English is kept across a reload, and <html lang> follows', async ({ page }) => {
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await page.getByRole('combobox', { name: '语言' }).selectOption('en')
    await expect(page.getByRole('heading', { name: 'Qwen Image Studio' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Qwen Image Studio' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeVisible()
  })
})

test('an English browser gets English, and can switch to 简体中文', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
  await expect(page.getByRole('heading', { name: 'Qwen 图像工作室' })).toBeVisible()
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
})

/** Controls whose label does not fit: wider content than box (a clipped or overflowing label). */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, label, [role="tab"], select, summary, legend, a')]
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.height > 0 && el.closest('.sr-only') === null && el.scrollWidth > el.clientWidth + 1
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}" ${el.scrollWidth}>${el.clientWidth}`,
      ),
  )
}

for (const locale of ['en', 'zh-CN'] as const)
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])
    test.describe(`${locale} at ${viewport.width}x${viewport.height}`, () => {
      test.use({ locale, viewport })

      test('no control has a clipped label', async ({ page }) => {
        const zh = locale === 'zh-CN'
        await page.goto('/')
        await expect(page.locator('html')).toHaveAttribute('lang', locale)
        await expect(page.getByRole('button', { name: zh ? '生成' : 'Generate', exact: true })).toBeVisible()
        expect(await clippedControls(page), 'text to image').toEqual([])
        await page.getByRole('tab', { name: zh ? '图像编辑' : 'Edit images' }).click()
        await expect(page.getByRole('button', { name: zh ? '编辑' : 'Edit', exact: true })).toBeVisible()
        expect(await clippedControls(page), 'edit').toEqual([])
      })
    })
