/**
 * Writing a report in pieces: a report's size is bounded by the disk, not by
 * the longest string the JavaScript engine can build, so no format ever
 * holds its whole output (or one argument per message) at once.
 */

/** Where a formatter writes its output, piece by piece. */
export type Write = (chunk: string) => void

/**
 * Collect small pieces into chunks of about `size` characters before writing
 * them. The pieces are joined once per chunk: appending them to a string one
 * by one builds a rope that costs as much again to flatten when written.
 */
export function buffered(write: Write, size = 64 * 1024): {write: Write; flush(): void} {
  let pending: string[] = []
  let length = 0
  const drain = () => {
    const out = pending.join('')
    pending = []
    length = 0
    write(out)
  }
  return {
    write(chunk) {
      pending.push(chunk)
      length += chunk.length
      if (length >= size) drain()
    },
    flush() {
      if (length > 0) drain()
    }
  }
}

/** Everything a formatter writes, as one string (for small reports and tests). */
export function collect(format: (write: Write) => void): string {
  const chunks: string[] = []
  format((chunk) => chunks.push(chunk))
  return chunks.join('')
}

/**
 * An array whose items are made one at a time while it is written (so a
 * log of a million results never exists as a million objects at once).
 */
export class JsonSequence {
  constructor(
    readonly count: number,
    readonly items: () => Iterable<unknown>
  ) {}
}

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, written in pieces: the
 * objects and arrays of the first `depth` levels member by member, anything
 * deeper with one `JSON.stringify` (re-indented: a JSON text has line breaks
 * only between its tokens).
 */
export function writeJsonValue(value: unknown, write: Write, depth: number, indent = ''): void {
  if (value instanceof JsonSequence) {
    if (value.count === 0) return write('[]')
    const inner = indent + '  '
    let first = true
    write('[\n')
    for (const item of value.items()) {
      write(first ? inner : ',\n' + inner)
      first = false
      writeItem(item, write, depth - 1, inner)
    }
    write('\n' + indent + ']')
    return
  }
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as {toJSON?: unknown}).toJSON === 'function') {
    const text = JSON.stringify(value, null, 2)
    write(indent === '' ? text : text.replaceAll('\n', '\n' + indent))
    return
  }
  const inner = indent + '  '
  if (Array.isArray(value)) {
    if (value.length === 0) return write('[]')
    write('[\n')
    for (let index = 0; index < value.length; index++) {
      write(index === 0 ? inner : ',\n' + inner)
      writeItem(value[index], write, depth - 1, inner)
    }
    write('\n' + indent + ']')
    return
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((key) => isSerialized(record[key]))
  if (keys.length === 0) return write('{}')
  write('{\n')
  keys.forEach((key, index) => {
    write((index === 0 ? inner : ',\n' + inner) + JSON.stringify(key) + ': ')
    writeJsonValue(record[key], write, depth - 1, inner)
  })
  write('\n' + indent + '}')
}

/** An array item JSON cannot represent is written as `null`. */
function writeItem(item: unknown, write: Write, depth: number, indent: string): void {
  if (isSerialized(item)) writeJsonValue(item, write, depth, indent)
  else write('null')
}

/** Object members with these values are left out by JSON.stringify. */
function isSerialized(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}
