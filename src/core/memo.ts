/**
 * Remember a pure function of a string. Names, words and their verdicts
 * repeat across the files of a run, and computing them (folding, the
 * speller, edit distances) costs far more than a lookup. The table is
 * emptied when it grows past `limit`, so a run over millions of distinct
 * tokens keeps flat memory. `compute` must not return `undefined`.
 */
export function memoize<T>(compute: (key: string) => T, limit = 200_000): (key: string) => T {
  const table = new Map<string, T>()
  return (key) => {
    let found = table.get(key)
    if (found === undefined) {
      found = compute(key)
      if (table.size >= limit) table.clear()
      table.set(key, found)
    }
    return found
  }
}
