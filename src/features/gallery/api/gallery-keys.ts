/** Query keys of the gallery; every IndexedDB query of it lives under ['gallery']. */
export const galleryKeys = {
  all: ['gallery'] as const,
  catalog: () => ['gallery', 'catalog'] as const,
  counts: () => ['gallery', 'counts'] as const,
  record: (id: string) => ['gallery', 'record', id] as const,
  thumb: (id: string) => ['gallery', 'thumb', id] as const,
  bytes: (id: string) => ['gallery', 'bytes', id] as const,
  storage: () => ['gallery', 'storage'] as const,
}
