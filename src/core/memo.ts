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
 * `memoize` for a function of two strings. A table of tables rather than
 * one keyed by the joined pair: the strings given are mostly ones already
 * used as keys (folded names from `memoize`'s own table), whose hash V8
 * keeps, where a joined key is a new string to build and hash every call.
 */
export function memoizePair<T>(compute: (left: string, right: string) => T, limit = 200_000): (left: string, right: string) => T {
  let table = new Map<string, Map<string, T>>()
  let size = 0
  return (left, right) => {
    let row = table.get(left)
    let found = row?.get(right)
    if (found === undefined) {
      found = compute(left, right)
      if (size >= limit) {
        table = new Map()
        row = undefined
        size = 0
      }
      if (!row) table.set(left, (row = new Map()))
      row.set(right, found)
      size++
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
