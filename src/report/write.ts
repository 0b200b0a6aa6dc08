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
 * `JSON.stringify(value)` (or, with `space`, `JSON.stringify(value, null,
 * space)`), byte for byte, written in pieces: the objects and arrays of the
 * first `depth` levels member by member, anything deeper with one
 * `JSON.stringify` (re-indented: a JSON text has line breaks only between
 * its tokens).
 */
export function writeJsonValue(value: unknown, write: Write, depth: number, space = '', indent = ''): void {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as {toJSON?: unknown}).toJSON === 'function') {
    const text = space === '' ? JSON.stringify(value) : JSON.stringify(value, null, space)
    write(indent === '' ? text : text.replaceAll('\n', '\n' + indent))
    return
  }
  // Between members: a comma, and with `space` a line break and the indent.
  const inner = space === '' ? '' : indent + space
  const open = space === '' ? '' : '\n' + inner
  const next = ',' + open
  const close = space === '' ? '' : '\n' + indent
  const colon = space === '' ? ':' : ': '
  const sequence = value instanceof JsonSequence ? value : Array.isArray(value) ? new JsonSequence(value.length, () => value) : undefined
  if (sequence) {
    if (sequence.count === 0) return write('[]')
    let first = true
    write('[')
    for (const item of sequence.items()) {
      write(first ? open : next)
      first = false
      // An array item JSON cannot represent is written as `null`.
      if (isSerialized(item)) writeJsonValue(item, write, depth - 1, space, inner)
      else write('null')
    }
    write(close + ']')
    return
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((key) => isSerialized(record[key]))
  if (keys.length === 0) return write('{}')
  write('{')
  keys.forEach((key, index) => {
    write((index === 0 ? open : next) + JSON.stringify(key) + colon)
    writeJsonValue(record[key], write, depth - 1, space, inner)
  })
  write(close + '}')
}

/** Object members with these values are left out by JSON.stringify. */
function isSerialized(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}
