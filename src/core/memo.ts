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

/**
 * Remember a pure function of the last string it was given: what is judged
 * of a whole document, asked once for each part it is checked in (the parts
 * of one text come one after another, and hold the same string, which `===`
 * compares by reference first).
 */
export function memoizeLast<T>(compute: (key: string) => T): (key: string) => T {
  let lastKey: string | undefined
  let lastValue: T
  return (key) => {
    if (key !== lastKey) {
      lastValue = compute(key)
      lastKey = key
    }
    return lastValue
  }
}
