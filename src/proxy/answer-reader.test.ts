// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { AnswerError, AnswerReader, MAX_HEAD_BYTES } from './answer-reader.ts'

/** Reads `raw` pushed in pieces of `size` bytes; `closed` ends the connection after it. */
function read(raw: string | Buffer, { size = Infinity, closed = false, head = false } = {}) {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1')
  const reader = new AnswerReader(head)
  for (let at = 0; at < bytes.byteLength; at += size) reader.push(bytes.subarray(at, at + size))
  const complete = closed ? reader.end() : reader.done
  return { reader, complete, text: Buffer.concat(reader.body).toString('utf8') }
}

const JSON_HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n'

describe('AnswerReader', () => {
  it('reads a head and a body of a given length, in one piece or byte by byte', () => {
    const raw = `${JSON_HEAD}X-Request-Id:  r-1 \r\nContent-Length: 11\r\n\r\n{"ok":true}`
    for (const size of [Infinity, 1, 2, 3, 7]) {
      const { reader, complete, text } = read(raw, { size })
      expect(complete).toBe(true)
      expect(reader.status).toBe(200)
      expect(reader.headers).toEqual([
        ['content-type', 'application/json'],
        ['x-request-id', 'r-1'],
        ['content-length', '11'],
      ])
      expect(text).toBe('{"ok":true}')
      expect(reader.keepAlive).toBe(true)
    }
  })

  it('reads chunks, with extensions and trailers, split anywhere', () => {
    const raw = `${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n4;x=1\r\n{"a"\r\n7\r\n:"海"}\r\n0\r\nX-Trailer: t\r\n\r\n`
    for (const size of [Infinity, 1, 5]) {
      const { reader, complete, text } = read(Buffer.from(raw), { size })
      expect(complete).toBe(true)
      expect(text).toBe('{"a":"海"}')
      expect(reader.keepAlive).toBe(true)
    }
  })

  it('passes over interim answers to the final one', () => {
    const { reader, text } = read(
      `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${JSON_HEAD}Content-Length: 2\r\n\r\n{}`,
    )
    expect(reader.status).toBe(200)
    expect(text).toBe('{}')
  })

  it('reads a body without length or chunks until the connection closes, and does not keep it', () => {
    const open = read(`${JSON_HEAD}\r\n{"x":1}`)
    expect(open.complete).toBe(false)
    const { reader, complete, text } = read(`${JSON_HEAD}\r\n{"x":1}`, { closed: true })
    expect(complete).toBe(true)
    expect(text).toBe('{"x":1}')
    expect(reader.keepAlive).toBe(false)
  })

  it('has no body for 204, 304 and an answer to HEAD', () => {
    expect(read('HTTP/1.1 204 No Content\r\n\r\n').complete).toBe(true)
    expect(read('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n').complete).toBe(true)
    expect(read(`${JSON_HEAD}Content-Length: 10\r\n\r\n`, { head: true }).complete).toBe(true)
  })

  it('keeps the connection only over HTTP/1.1 without Connection: close', () => {
    expect(read(`HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n`).reader.keepAlive).toBe(false)
    expect(read(`HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n`).reader.keepAlive).toBe(false)
    // Both a length and chunks: the chunks decide, and the connection is not trusted again.
    const both = read(`${JSON_HEAD}Content-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`)
    expect([both.complete, both.text, both.reader.keepAlive]).toEqual([true, '{}', false])
  })

  it('takes repeated lengths that agree, and an answer whose connection sends more after it, not kept', () => {
    expect(read(`${JSON_HEAD}Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}`).text).toBe('{}')
    const extra = read(`${JSON_HEAD}Content-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n`)
    expect([extra.complete, extra.text, extra.reader.keepAlive]).toEqual([true, '{}', false])
  })

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200\r\n\r\n'],
    ['a status code out of range', 'HTTP/1.1 099 Odd\r\n\r\n'],
    ['a header without a colon', `${JSON_HEAD}Broken\r\n\r\n`],
    ['a folded header line', `${JSON_HEAD}X-A: a\r\n  b\r\n\r\n`],
    ['a name with a space', `${JSON_HEAD}X A: a\r\n\r\n`],
    ['a control character in a value', `${JSON_HEAD}X-A: a\u0000b\r\n\r\n`],
    ['lengths that disagree', `${JSON_HEAD}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    ['a length that is not a number', `${JSON_HEAD}Content-Length: 2x\r\n\r\n{}`],
    ['a transfer coding other than chunked', `${JSON_HEAD}Transfer-Encoding: gzip, chunked\r\n\r\n`],
    ['a chunk size that is not hexadecimal', `${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n`],
    ['a chunk without its CRLF', `${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n`],
    ['a switch of protocols', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
    ['a head larger than allowed', `${JSON_HEAD}X-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`],
  ])('refuses %s', (_, raw) => {
    expect(() => read(raw)).toThrow(AnswerError)
    expect(() => read(raw, { size: 3 })).toThrow(AnswerError)
  })

  it('refuses a head past the limit sent a byte at a time, in time linear in its size', () => {
    const started = performance.now()
    expect(() => read(`${JSON_HEAD}X-Big: ${'a'.repeat(2 * MAX_HEAD_BYTES)}`, { size: 1 })).toThrow(AnswerError)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('knows an answer cut short when the connection closes', () => {
    expect(read(`${JSON_HEAD}Content-Length: 20\r\n\r\n{"partial":`, { closed: true }).complete).toBe(false)
    expect(read(`${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n`, { closed: true }).complete).toBe(false)
    expect(read('HTTP/1.1 200 OK\r\nContent-', { closed: true }).complete).toBe(false)
  })
})
