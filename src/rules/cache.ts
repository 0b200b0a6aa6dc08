/**
 * A cache of validated rule files, so the catalogue (thousands of forms in
 * YAML) is parsed and validated once, not at every start of the CLI.
 * Entries are keyed by the file's path, size and modification time: an
 * edited file is read again. Writing the cache is best effort; a read-only
 * install simply reads the YAML every time.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const DIR = fileURLToPath(new URL('../../node_modules/.cache/unspin/', import.meta.url))
const VERSION = 2

/**
 * `load()`, or what it returned for this version of `file` before. `what`
 * says what is kept of the file: a name, or the schema the data was
 * validated against (data validated against another schema is read again).
 */
export function cached<T>(file: string, load: () => T, what: string | object): T {
  let stats: fs.Stats
  try {
    stats = fs.statSync(file)
  } catch {
    return load()
  }
  const key = crypto
    .createHash('sha1')
    .update(`${VERSION}\0${path.resolve(file)}\0${stats.size}\0${stats.mtimeMs}\0${typeof what === 'string' ? what : schemaKey(what)}`)
    .digest('hex')
  const entry = path.join(DIR, `${key}.json`)
  try {
    return JSON.parse(fs.readFileSync(entry, 'utf8')) as T
  } catch {
    // No entry yet (or a broken one): load, then try to remember.
  }
  const value = load()
  try {
    fs.mkdirSync(DIR, {recursive: true})
    const temporary = `${entry}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(value))
    fs.renameSync(temporary, entry)
  } catch {
    // Best effort.
  }
  return value
}

const schemaKeys = new WeakMap<object, string>()

function schemaKey(schema: object): string {
  let found = schemaKeys.get(schema)
  if (found === undefined) {
    found = JSON.stringify(schema)
    schemaKeys.set(schema, found)
  }
  return found
}
