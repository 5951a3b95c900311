/**
 * How much of the browser's storage the studio uses, and whether it is persistent. Persistence is
 * asked for once, when there is something to keep (the browser may grant it silently or ask).
 */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { afterFirstScreen } from '../gallery-first-paint.ts'
import { galleryKeys } from './gallery-keys.ts'

export interface StorageEstimateInfo {
  usage: number
  quota: number
  persisted: boolean
}

async function readEstimate(): Promise<StorageEstimateInfo | null> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  if (!storage?.estimate) return null
  await afterFirstScreen() // the quota's usage is the database's to compute: after the first screen's reads
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)])
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted }
}

export const storageQuery = queryOptions({
  queryKey: galleryKeys.storage(),
  queryFn: readEstimate,
  networkMode: 'always',
  staleTime: 10_000,
  retry: false,
})

export function useStorageEstimate() {
  return useQuery(storageQuery)
}

let asked: Promise<boolean> | undefined

/** navigator.storage.persist(), at most once per page. */
export function requestPersistence(): Promise<boolean> {
  asked ??= (async () => {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
    if (!storage?.persist) return false
    if (await storage.persisted?.()) return true
    return storage.persist()
  })().catch(() => false)
  return asked
}
