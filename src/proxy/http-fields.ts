/**
 * HTTP/1.1 header fields (and targets) as the gateway's own readers and writers take them: the answer reader
 * (./answer-reader.ts), the upstream client (./upstream-client.ts) and the /api/v1 connections
 * (./api-connections.ts). One pattern for a name, one for what a value may carry, one for a
 * dot segment in a target.
 */

/** An HTTP field name (RFC 9110 token). */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** What a field value may not carry (RFC 9110 §5.5): line breaks and other controls but the tab. */
export const NOT_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/

/** A `.` or `..` path segment, in a path or a path and its query: what a URL parser would resolve. */
export const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/

/** `line` from `from` on, without the spaces and tabs around it. */
function withoutSpace(line: string, from: number): string {
  let start = from
  let end = line.length
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start++
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--
  return line.slice(start, end)
}

/** A head's line as a name (as written) and a value (its surrounding space dropped), or undefined if it is not one. */
export function headerField(line: string): [string, string] | undefined {
  const colon = line.indexOf(':')
  const name = line.slice(0, colon)
  if (colon <= 0 || !TOKEN.test(name)) return undefined
  return [name, withoutSpace(line, colon + 1)]
}

/** `name: value` and its line break, for a head being written; throws on a character a head cannot carry. */
export function fieldLine(name: string, value: string, whose: string): string {
  if (!TOKEN.test(name) || NOT_FIELD_VALUE.test(value)) throw new TypeError(`Invalid character in ${whose} header "${name}"`)
  return `${name}: ${value}\r\n`
}
