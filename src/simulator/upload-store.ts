/**
 * The vendor's temporary file upload (get-temporary-file-url): a policy per getPolicy call, files
 * posted to the policy's host under its directory, kept 48 hours and bound to the model named at
 * upload. Files cannot be listed or downloaded, only used as `oss://<key>` inputs.
 */
import { newId } from './error-response.ts'

export const UPLOAD_TTL_MS = 48 * 60 * 60 * 1000
export const POLICY_TTL_S = 300
/** The simulator's cap: the edit image limit (the vendor's sample says 100 MB, for any file). */
export const MAX_UPLOAD_MB = 10

export interface Policy {
  policy: string
  signature: string
  accessKeyId: string
  uploadDir: string
  model: string
  /** Epoch ms after which uploads with this policy are refused. */
  expires: number
}

export interface Upload {
  key: string
  model: string
  bytes: Uint8Array
  expires: number
}

export type Resolved = { ok: true; bytes: Uint8Array } | { ok: false; message: string }

export class UploadStore {
  #policies = new Map<string, Policy>()
  #files = new Map<string, Upload>()

  issue(model: string, now: number): Policy {
    const day = new Date(now).toISOString().slice(0, 10)
    const expires = now + POLICY_TTL_S * 1000
    const policy: Policy = {
      // Base64 of an OSS policy document, as the vendor's is.
      policy: btoa(
        JSON.stringify({
          expiration: new Date(expires).toISOString(),
          conditions: [['content-length-range', 0, MAX_UPLOAD_MB * 1024 * 1024]],
        }),
      ),
      signature: newId().replace(/-/g, ''),
      accessKeyId: `LTAI-SIM-${newId().slice(0, 8)}`,
      uploadDir: `dashscope-instant/${newId().replace(/-/g, '')}/${day}/${newId().slice(0, 8)}`,
      model,
      expires,
    }
    this.#policies.set(policy.signature, policy)
    return policy
  }

  /** Stores a posted file, or says why OSS would refuse it (status and code as OSS answers). */
  put(
    fields: { signature?: string; policy?: string; accessKeyId?: string; key?: string; forbidOverwrite?: boolean },
    bytes: Uint8Array,
    now: number,
  ): { ok: true; key: string } | { ok: false; status: 400 | 403 | 409; code: string; message: string } {
    const p = fields.signature ? this.#policies.get(fields.signature) : undefined
    if (!p || p.policy !== fields.policy || p.accessKeyId !== fields.accessKeyId)
      return {
        ok: false,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      }
    if (now > p.expires) return { ok: false, status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' }
    const key = fields.key ?? ''
    if (!key.startsWith(`${p.uploadDir}/`) || key.length === p.uploadDir.length + 1)
      return {
        ok: false,
        status: 403,
        code: 'AccessDenied',
        message: `Invalid according to Policy: key must start with "${p.uploadDir}/".`,
      }
    if (bytes.byteLength > MAX_UPLOAD_MB * 1024 * 1024)
      return {
        ok: false,
        status: 400,
        code: 'EntityTooLarge',
        message: `Your proposed upload exceeds the maximum allowed size (${MAX_UPLOAD_MB} MB).`,
      }
    if (fields.forbidOverwrite !== false && this.#files.has(key))
      return {
        ok: false,
        status: 409,
        code: 'FileAlreadyExists',
        message: 'The object you specified already exists and can not be overwritten.',
      }
    this.#files.set(key, { key, model: p.model, bytes, expires: now + UPLOAD_TTL_MS })
    return { ok: true, key }
  }

  /** An `oss://<key>` input for `model`: its bytes, or why it cannot be used. */
  resolve(url: string, model: string, now: number): Resolved {
    const key = url.replace(/^oss:\/\//i, '')
    const file = this.#files.get(key)
    if (!file || file.expires < now) return { ok: false, message: `${url} does not exist (uploads are kept 48 hours)` }
    if (file.model !== model)
      return {
        ok: false,
        message: `${url} was uploaded for ${file.model}; an upload can only be used by the model named when it was uploaded`,
      }
    return { ok: true, bytes: file.bytes }
  }

  purge(now: number): void {
    for (const [k, p] of this.#policies) if (now > p.expires) this.#policies.delete(k)
    for (const [k, f] of this.#files) if (f.expires < now) this.#files.delete(k)
  }

  clear(): void {
    this.#policies.clear()
    this.#files.clear()
  }
}
