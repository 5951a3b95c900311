/**
 * Folders a test writes to (a built SPA's stand-in, a data folder, certificates), made under the
 * system's temporary folder and removed after the test file (./setup.ts), so runs leave none behind.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** A new empty folder named `prefix` and a random suffix, removed when the test file is done. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Removes the folders this test file made. */
export function removeTemporaryFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}
