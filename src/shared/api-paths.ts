import type { Region } from './models.ts'

/** The vendor's documented paths, relative to a base URL that ends in /api/v1. */
export const API_PATHS = {
  multimodal: '/services/aigc/multimodal-generation/generation',
  imageSynthesis: '/services/aigc/text2image/image-synthesis',
  task: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`,
  cancel: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}/cancel`,
  tasks: '/tasks',
  /** GET ?action=getPolicy&model=M: a policy for the temporary file upload (V6). */
  uploads: '/uploads',
} as const

/** Route patterns for the documented paths, with a `:taskId` parameter (Hono / path-to-regexp style). */
export const API_ROUTES = {
  multimodal: { method: 'POST', path: API_PATHS.multimodal },
  imageSynthesis: { method: 'POST', path: API_PATHS.imageSynthesis },
  task: { method: 'GET', path: '/tasks/:taskId' },
  cancel: { method: 'POST', path: '/tasks/:taskId/cancel' },
  tasks: { method: 'GET', path: '/tasks' },
  uploads: { method: 'GET', path: '/uploads' },
} as const

export const REGION_BASE_URLS: Record<Region, string> = {
  singapore: 'https://dashscope-intl.aliyuncs.com/api/v1',
  beijing: 'https://dashscope.aliyuncs.com/api/v1',
}

/** The 2026 per-workspace domains (LINEUP §3): recommended, while the old domains keep working. */
const WORKSPACE_REGION_HOSTS: Record<Region, string> = {
  singapore: 'ap-southeast-1.maas.aliyuncs.com',
  beijing: 'cn-beijing.maas.aliyuncs.com',
}

/** A workspace id as the console shows it: one DNS label. */
export const WORKSPACE_ID_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

export function workspaceBaseUrl(region: Region, workspaceId: string): string {
  return `https://${workspaceId}.${WORKSPACE_REGION_HOSTS[region]}/api/v1`
}

/** The vendor's result-storage hosts (the reference's OSS whitelist). Exact names, https only. */
export const RESULT_HOSTS = [
  'dashscope-result-bj.oss-cn-beijing.aliyuncs.com',
  'dashscope-result-hz.oss-cn-hangzhou.aliyuncs.com',
  'dashscope-result-sh.oss-cn-shanghai.aliyuncs.com',
  'dashscope-result-wlcb.oss-cn-wulanchabu.aliyuncs.com',
  'dashscope-result-zjk.oss-cn-zhangjiakou.aliyuncs.com',
  'dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com',
  'dashscope-result-hy.oss-cn-heyuan.aliyuncs.com',
  'dashscope-result-cd.oss-cn-chengdu.aliyuncs.com',
  'dashscope-result-gz.oss-cn-guangzhou.aliyuncs.com',
  'dashscope-result-wlcb-acdr-1.oss-cn-wulanchabu-acdr-1.aliyuncs.com',
] as const

/** The studio's own routes (served by the gateway). */
export const STUDIO_ROUTES = {
  /** Prefix the browser uses for the vendor API; the gateway forwards what follows. */
  apiV1: '/api/v1',
  /** The account's job queue in the studio server (studio-jobs.ts). */
  jobs: '/api/jobs',
  image: '/api/image',
  config: '/api/config',
  health: '/api/health',
  /** Where the embedded simulator is mounted (its own /api/v1 lives below this). */
  simulator: '/simulator',
  /** The OCR engine's files (worker, wasm core, trained data), served by the studio itself. */
  ocr: '/ocr',
} as const

/** Languages the poster text check reads, as tesseract names them (English; Simplified Chinese). */
export const OCR_LANGS = ['eng', 'chi_sim'] as const
export type OcrLang = (typeof OCR_LANGS)[number]

/** Where the browser finds the OCR engine: tesseract.js's worker script, its wasm cores and the trained data. */
export const OCR_PATHS = {
  worker: `${STUDIO_ROUTES.ocr}/worker.min.js`,
  core: `${STUDIO_ROUTES.ocr}/core`,
  lang: `${STUDIO_ROUTES.ocr}/lang`,
} as const

/** Header that makes the image-synthesis endpoint asynchronous (required). */
export const ASYNC_HEADER = 'X-DashScope-Async'

/** Header that lets a request use `oss://` inputs from the temporary upload (the SDK adds it). */
export const OSS_RESOLVE_HEADER = 'X-DashScope-OssResourceResolve'
