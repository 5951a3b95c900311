import { priceCnyOf, priceOf, type Region } from '../shared/models.ts'

export type Currency = 'USD' | 'CNY'

/** The region's price as the lineup's price table gives it: yuan in Beijing, dollars in Singapore. */
export function regionPrice(model: string, region: Region, images: number): { amount: number; currency: Currency } {
  return region === 'beijing'
    ? { amount: priceCnyOf(model, region, images), currency: 'CNY' }
    : { amount: priceOf(model, region, images), currency: 'USD' }
}

/** A price in `locale` with at least 2 and at most `maxDigits` decimals (US$0.03, ¥0.22, $0.028671). */
export function formatPrice(amount: number, currency: Currency, locale: string, maxDigits = 4): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: maxDigits }).format(
    amount,
  )
}
