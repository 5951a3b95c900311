/**
 * The server's log lines on stdout, written after the request that logged them has been answered:
 * Node writes to a pipe or a file synchronously, so a console.log per request would be a system
 * call on every answer's path. Lines logged in one turn of the event loop go out together, in
 * order, at the next; whatever is pending when the process exits is written then.
 */
export function deferredLineLog(write: (text: string) => void = (text) => void process.stdout.write(text)) {
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const text = `${pending.join('\n')}\n`
    pending = []
    write(text)
  }
  const log = (line: string) => {
    if (pending.length === 0) setImmediate(flush)
    pending.push(line)
  }
  return { log, flush }
}
