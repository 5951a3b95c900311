/**
 * The server's log lines on stdout, written in batches after the requests that logged them have
 * been answered: Node writes to a pipe or a file synchronously, so a line per request written at
 * once would be a system call on every answer's path (and a wake-up for whatever reads the pipe).
 * Lines logged within LINE_BATCH_MS go out together, in order; whatever is pending when the
 * process exits is written then.
 */
export const LINE_BATCH_MS = 100

export function deferredLineLog(write: (text: string) => void = (text) => void process.stdout.write(text)) {
  let pending: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return
    const text = `${pending.join('\n')}\n`
    pending = []
    write(text)
  }
  const log = (line: string) => {
    // Unref'd: pending lines never keep the process alive; `flush` at exit writes them.
    if (pending.length === 0) timer = setTimeout(flush, LINE_BATCH_MS).unref()
    pending.push(line)
  }
  return { log, flush }
}
