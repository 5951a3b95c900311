/**
 * The temporary file upload (V6): GET /api/v1/uploads?action=getPolicy&model=M answers a policy
 * whose `upload_host` is this simulator's OSS stand-in (POST <basePath>/oss-upload, multipart, as
 * OSS takes a PostObject form). Uploaded files are then usable as `oss://<key>` image inputs.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { API_PATHS } from '../shared/api-paths.ts'
import { findModel } from '../shared/models.ts'
import type { ApiEnv } from './api-routes.ts'
import { jsonError, newId } from './error-response.ts'
import type { Core } from './simulator-core.ts'
import { escapeXml } from './svg-text.ts'
import { MAX_UPLOAD_MB, POLICY_TTL_S } from './upload-store.ts'

export const OSS_UPLOAD_ROUTE = '/oss-upload'

export function registerUploadRoutes(api: Hono<ApiEnv>, core: Core): void {
  api.get(API_PATHS.uploads, (c) => {
    const action = c.req.query('action')
    if (action !== 'getPolicy') return jsonError('InvalidParameter', `action must be "getPolicy" (got "${action ?? ''}")`)
    const model = c.req.query('model')
    if (!model) return jsonError('InvalidParameter', 'model is required: the model that will use the file')
    if (!findModel(model)) return jsonError('ModelNotFound', `Model not exist: ${model}`)
    const p = core.uploads.issue(model, core.now())
    const data = {
      policy: p.policy,
      signature: p.signature,
      upload_dir: p.uploadDir,
      upload_host: `${new URL(c.req.url).origin}${core.basePath}${OSS_UPLOAD_ROUTE}`,
      expire_in_seconds: POLICY_TTL_S,
      max_file_size_mb: MAX_UPLOAD_MB,
      capacity_limit_mb: 999999999,
      oss_access_key_id: p.accessKeyId,
      x_oss_object_acl: 'private',
      x_oss_forbid_overwrite: 'true',
    }
    // The HTTP API answers `data`; the SDKs expose the same object as `output`: both are given.
    return c.json({ request_id: newId(), data, output: data })
  })
}

function ossError(c: Context, status: 400 | 403 | 409, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escapeXml(message)}</Message>\n</Error>\n`
  return c.body(xml, status, { 'Content-Type': 'application/xml' })
}

/** POST <basePath>/oss-upload: a PostObject form (OSSAccessKeyId, Signature, policy, key, file, …). */
export function ossUploadRoutes(core: Core): Hono {
  const oss = new Hono()
  oss.post(
    '/',
    bodyLimit({
      maxSize: (MAX_UPLOAD_MB + 1) * 1024 * 1024,
      onError: (c) => ossError(c, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${MAX_UPLOAD_MB} MB).`),
    }),
    async (c) => {
      let form: Record<string, string | File>
      try {
        form = await c.req.parseBody<Record<string, string | File>>()
      } catch {
        return ossError(c, 400, 'InvalidArgument', 'The body must be multipart/form-data (a PostObject form).')
      }
      const text = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined)
      const file = form.file
      if (!(file instanceof File)) return ossError(c, 400, 'InvalidArgument', 'The form has no "file" field (it must come last).')
      const stored = core.uploads.put(
        {
          signature: text('Signature'),
          policy: text('policy'),
          accessKeyId: text('OSSAccessKeyId'),
          key: text('key'),
          forbidOverwrite: text('x-oss-forbid-overwrite') !== 'false',
        },
        new Uint8Array(await file.arrayBuffer()),
        core.now(),
      )
      if (!stored.ok) return ossError(c, stored.status, stored.code, stored.message)
      const status = text('success_action_status') === '201' ? 201 : text('success_action_status') === '200' ? 200 : 204
      return status === 204 ? c.body(null, 204) : c.body('', status)
    },
  )
  return oss
}
