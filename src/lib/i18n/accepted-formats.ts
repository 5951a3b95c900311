import { i18n } from '@lingui/core'
import { t } from '@lingui/core/macro'
import { EDIT_IMAGE_FORMATS } from '../../shared/limits.ts'

/** "JPG, JPEG, PNG, BMP, TIF, TIFF, WEBP or GIF (first frame)", from the contract's list, in the active language. */
export function acceptedFormatsText(): string {
  const names = EDIT_IMAGE_FORMATS.flatMap((f) => f.extensions.map((e) => e.toUpperCase())).map((name) =>
    name === 'GIF' ? t`GIF (first frame)` : name,
  )
  return new Intl.ListFormat(i18n.locale, { type: 'disjunction' }).format(names)
}
