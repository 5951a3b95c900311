/** Dollars with at least 2 and at most `maxDigits` decimals ($0.03, $0.175, $0.028671). */
export function formatPrice(dollars: number, maxDigits = 4): string {
  const fixed = dollars.toFixed(maxDigits)
  return `$${fixed.replace(/(\.\d\d\d*?)0+$/, '$1')}`
}
