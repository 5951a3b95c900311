import { t } from '@lingui/core/macro'
import { EDIT_IMAGE_FORMATS } from '../../shared/limits.ts'

/** "JPG, JPEG, PNG, BMP, TIFF, WEBP or GIF (first frame)", from the contract's list, in the active language. */
export function acceptedFormatsText(): string {
  const names = EDIT_IMAGE_FORMATS.flatMap((f) => (f.format === 'jpg' ? f.extensions : [f.format])).map((name) =>
    name === 'gif' ? t`GIF (first frame)` : name.toUpperCase(),
  )
  const head = names.slice(0, -1).join(t({ message: ', ', comment: 'between short items of a list' }))
  const last = names.at(-1) ?? ''
  return t`${head} or ${last}`
}
