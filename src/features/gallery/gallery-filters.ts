import { msg } from '@lingui/core/macro'
/**
 * Search, filters and sort of the gallery, as plain functions over records (newest first).
 * Search is case-insensitive and width-insensitive (NFKC: full-width Ｌａｔｉｎ matches Latin),
 * matches every whitespace-separated term in the prompt or the rewritten prompt, and works for
 * Chinese (substring match, no word splitting needed).
 */
import type { ImageRecord } from '../../lib/records.ts'

export const KIND_FILTERS = [
  { value: 'results', label: msg`Generated` },
  { value: 't2i', label: msg`Text to image` },
  { value: 'edit', label: msg`Edits` },
  { value: 'input', label: msg`Edit inputs` },
  { value: 'all', label: msg`Everything` },
] as const
export type KindFilter = (typeof KIND_FILTERS)[number]['value']

export type SortOrder = 'newest' | 'oldest'

/** The poster text check: any image, those whose quoted text was read exactly, those where it was not. */
export const TEXT_FILTERS = [
  { value: 'any', label: msg`Any text` },
  { value: 'correct', label: msg`Text correct` },
  { value: 'wrong', label: msg`Text wrong` },
] as const
export type TextFilter = (typeof TEXT_FILTERS)[number]['value']

export interface GalleryFilters {
  search: string
  favoritesOnly: boolean
  /** null: any model */
  model: string | null
  kind: KindFilter
  /** "W*H"; null: any size */
  size: string | null
  text: TextFilter
  sort: SortOrder
}

export const DEFAULT_FILTERS: GalleryFilters = {
  search: '',
  favoritesOnly: false,
  model: null,
  kind: 'results',
  size: null,
  text: 'any',
  sort: 'newest',
}

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

export function searchTerms(search: string): string[] {
  return normalizeForSearch(search).split(/\s+/).filter(Boolean)
}

const haystacks = new WeakMap<ImageRecord, string>()

function haystack(r: ImageRecord): string {
  let h = haystacks.get(r)
  if (h === undefined) {
    // seed, model and size too ("1328x1328" and "1328*1328"), so a found image can be found again by them
    const facts = [r.model, r.seed === undefined ? '' : String(r.seed), r.size, r.size.replace('*', 'x'), r.size.replace('*', '×')]
    h = normalizeForSearch([r.prompt, r.actualPrompt ?? '', ...facts].join('\n'))
    haystacks.set(r, h)
  }
  return h
}

function kindMatches(kind: ImageRecord['kind'], filter: KindFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'results') return kind !== 'input'
  return kind === filter
}

export function matchesFilters(r: ImageRecord, f: GalleryFilters, terms = searchTerms(f.search)): boolean {
  if (!kindMatches(r.kind, f.kind)) return false
  if (f.favoritesOnly && !r.favorite) return false
  if (f.model !== null && r.model !== f.model) return false
  if (f.size !== null && r.size !== f.size) return false
  if (f.text === 'correct' && r.textCheck?.status !== 'ok') return false
  if (f.text === 'wrong' && r.textCheck?.status !== 'wrong') return false
  if (terms.length === 0) return true
  const h = haystack(r)
  return terms.every((t) => h.includes(t))
}

/** The records that pass, in the chosen order (input: newest first). */
export function filterRecords(newestFirst: readonly ImageRecord[], f: GalleryFilters): ImageRecord[] {
  const terms = searchTerms(f.search)
  const out = newestFirst.filter((r) => matchesFilters(r, f, terms))
  return f.sort === 'oldest' ? out.reverse() : out
}

/** Whether only the default kind filter applies (its count is known before every page is read). */
export function isUnfiltered(f: GalleryFilters): boolean {
  return (
    !f.favoritesOnly &&
    f.model === null &&
    f.size === null &&
    searchTerms(f.search).length === 0 &&
    (f.kind === 'results' || f.kind === 'all' || f.kind === 'input')
  )
}

/** Models and sizes present, for the filter menus. */
export function facets(records: readonly ImageRecord[]): { models: string[]; sizes: string[] } {
  const models = new Set<string>()
  const sizes = new Set<string>()
  for (const r of records) {
    models.add(r.model)
    sizes.add(r.size)
  }
  return { models: [...models].sort(), sizes: [...sizes].sort() }
}
