/** Dollars, with enough digits for the vendor's per-image prices ($0.028671). */
export function formatPrice(dollars: number): string {
  if (dollars === 0) return '$0'
  const digits = dollars < 0.1 ? 4 : 2
  return `$${dollars.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1')}`
}
