/** The first position in `[from, to)` whose value (`valueAt`, ascending there) is not below `value`. */
export function lowerBound(from: number, to: number, value: number, valueAt: (at: number) => number): number {
  let low = from
  let high = to
  while (low < high) {
    const middle = (low + high) >>> 1
    if (valueAt(middle) < value) low = middle + 1
    else high = middle
  }
  return low
}
