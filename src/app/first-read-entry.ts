/**
 * The first script index.html runs (async, a chunk of its own: scripts/first-read-plugin.ts):
 * it starts reading the gallery's first screen from IndexedDB (lib/first-read.ts).
 */
import { startFirstRead } from '../lib/first-read.ts'

startFirstRead()
