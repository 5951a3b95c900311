/**
 * XMP (ISO 16684-1) for JPEG and WebP downloads: the A1111 text as dc:description (what photo tools
 * show as the caption) and the studio's JSON under the studio's own namespace, so a JPEG or WebP
 * carries the same parameters as a PNG download.
 */
import { formatA1111 } from './a1111-parameters.ts'
import { studioJson } from './png-parameters.ts'
import { FileImageParams, type StudioImageParams } from './studio-params.ts'

export const STUDIO_XMP_NS = 'https://qwen-image-studio.local/ns/1.0/'

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/\r?\n/g, '&#10;')

const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (e[0] !== '#') return named[e.toLowerCase()]!
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
  })

/** The XMP packet (UTF-8 XML) for these parameters. */
export function xmpPacket(params: StudioImageParams): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:qis="${STUDIO_XMP_NS}">`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(formatA1111(params))}</rdf:li></rdf:Alt></dc:description>`,
    `   <qis:parameters>${escapeXml(studioJson(params))}</qis:parameters>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n')
}

/** The studio's parameters in an XMP packet found anywhere in `bytes` (JPEG APP1, WebP 'XMP ' chunk). */
export function readXmpParameters(bytes: Uint8Array): FileImageParams | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  const m = /<qis:parameters>([^<]*)<\/qis:parameters>/.exec(text)
  if (!m) return undefined
  try {
    const parsed = FileImageParams.safeParse(JSON.parse(unescapeXml(m[1]!)))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
