/**
 * What parsing a JSON body will cost, judged from its bytes before it is parsed, as they arrive.
 * JSON.parse copies a long string at memory speed, but every value (`{}`, `1`, `""`) is an
 * allocation: a 37 MB body of `[{},{},…]` held the event loop for seconds and took a gigabyte.
 * So the meter counts the bytes outside string literals, the first KB of each string (a string
 * is one value whatever its length, so data: URLs cost almost nothing) and 2 per escape, and
 * says when the count passes a budget. It finds quotes and backslashes with indexOf, which a
 * Buffer runs natively: a 30 MB edit body is metered in a few milliseconds.
 */
import { MAX_JSON_STRUCTURE_BYTES } from './limits.ts'

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** A string is charged for at most this many of its bytes. */
export const STRING_CHARGE_BYTES = 1024

export class JsonStructureMeter {
  /** Structure seen so far; past `budget` the body is refused (the count then stops). */
  cost = 0
  private inString = false
  private stringBytes = 0
  /** The previous chunk ended on a backslash inside a string: the next byte is escaped. */
  private escapePending = false

  constructor(readonly budget: number = MAX_JSON_STRUCTURE_BYTES) {}

  get over(): boolean {
    return this.cost > this.budget
  }

  /** Meters the next bytes of the body; true once the body is over budget. */
  add(chunk: Uint8Array): boolean {
    const n = chunk.length
    let i = 0
    // Positions of the next quote and backslash at or after i (n: none in this chunk).
    let quote = -1
    let slash = -1
    const next = (byte: number, cached: number) => {
      if (cached >= i) return cached
      const at = chunk.indexOf(byte, i)
      return at < 0 ? n : at
    }
    while (i < n && !this.over) {
      if (!this.inString) {
        quote = next(QUOTE, quote)
        this.cost += quote - i
        if (quote >= n) break
        this.inString = true
        this.stringBytes = 0
        i = quote + 1
        continue
      }
      if (this.escapePending) {
        this.escapePending = false
        this.stringBytes++
        i++
        continue
      }
      quote = next(QUOTE, quote)
      slash = next(BACKSLASH, slash)
      if (slash < quote) {
        this.cost += 2
        this.stringBytes += slash + 1 - i
        if (slash + 1 >= n) this.escapePending = true
        else this.stringBytes++
        i = slash + 2
        continue
      }
      this.stringBytes += quote - i
      if (quote >= n) break
      this.cost += Math.min(this.stringBytes, STRING_CHARGE_BYTES) + 2
      this.inString = false
      i = quote + 1
    }
    return this.over
  }
}

/** Is this whole body over the structure budget? */
export function exceedsJsonStructure(bytes: Uint8Array, budget: number = MAX_JSON_STRUCTURE_BYTES): boolean {
  // Nothing costs more than twice its bytes (an escape is charged 2 besides its 2 bytes in its
  // string), so a body of at most half the budget is within it, unread.
  return 2 * bytes.length > budget && new JsonStructureMeter(budget).add(bytes)
}
