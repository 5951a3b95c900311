/** Query keys of the gallery's own lists; images themselves are keyed by lib/image-data.ts. */
export const galleryKeys = {
  all: ['gallery'] as const,
  catalog: () => ['gallery', 'catalog'] as const,
  counts: () => ['gallery', 'counts'] as const,
  storage: () => ['gallery', 'storage'] as const,
}
