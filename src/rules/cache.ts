/**
 * A cache of validated rule files, so the catalogue (thousands of forms in
 * YAML) is parsed and validated once, not at every start of the CLI.
 *
 * One entry per file and kind of content (at most one, so the cache does not
 * grow as files are edited). An entry is used only while its stamp matches:
 * the file's size, modification and change times and inode (an edit that
 * keeps the size and restores the modification time, as `cp -p` or
 * `rsync -t` do, still changes the change time), and the code that made the
 * entry (the size and modification time of this folder's modules, so a
 * rebuilt loader never reads what an older one wrote). Writing is best
 * effort and atomic; a read-only install simply reads the YAML every time.
 * The folder keeps the most recently used entries only (see `prune`).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import writeFileAtomic from 'write-file-atomic'
import {fileVersion} from '../core/stamp.js'

/** Where entries live: `UNSPIN_CACHE_DIR`, else the package's `node_modules/.cache/unspin` (read at each use, so a test or a long-lived host can move it). */
export function cacheDir(): string {
  return process.env.UNSPIN_CACHE_DIR || fileURLToPath(new URL('../../node_modules/.cache/unspin/', import.meta.url))
}
const VERSION = 3
/** An entry read and older than this is marked as used again, so pruning keeps what every run reads. */
const TOUCH_AFTER_MS = 6 * 60 * 60 * 1000

interface Entry<T> {
  stamp: string
  value: T
}

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
  const kind = typeof what === 'string' ? what : schemaKey(what)
  const name = crypto.createHash('sha1').update(`${VERSION}\0${path.resolve(file)}\0${kind}`).digest('hex')
  // The package's own rule files (the catalogue every run reads) are kept
  // apart, where pruning never reaches; other files' entries come and go.
  const own = isOwn(file)
  const dir = own ? path.join(cacheDir(), 'catalogue') : cacheDir()
  const entry = path.join(dir, `${name}.json`)
  const stamp = `${fileVersion(stats)}:${codeStamp()}`
  try {
    const {text, written} = readEntry(entry)
    const stored = JSON.parse(text) as Entry<T>
    if (stored.stamp === stamp) {
      if (Date.now() - written > TOUCH_AFTER_MS) touch(entry)
      return stored.value
    }
  } catch {
    // No entry yet (or a broken one): load, then try to remember.
  }
  const value = load()
  try {
    fs.mkdirSync(dir, {recursive: true})
    writeFileAtomic.sync(entry, JSON.stringify({stamp, value} satisfies Entry<T>))
    if (!own) prune(dir)
  } catch {
    // Best effort.
  }
  return value
}

const OWN_RULES = fileURLToPath(new URL('../../rules/', import.meta.url))

/** A rule file of this package's catalogue (`rules/`), not one a user passed. */
function isOwn(file: string): boolean {
  return path.resolve(file).startsWith(OWN_RULES)
}

/** An entry's text and when it was last written or marked as used. */
function readEntry(entry: string): {text: string; written: number} {
  const fd = fs.openSync(entry, 'r')
  try {
    return {written: fs.fstatSync(fd).mtimeMs, text: fs.readFileSync(fd, 'utf8')}
  } finally {
    fs.closeSync(fd)
  }
}

function touch(entry: string): void {
  try {
    const now = new Date()
    fs.utimesSync(entry, now, now)
  } catch {
    // A read-only cache is still a cache.
  }
}

/** Entries kept at most; beyond it, the least recently used half goes. */
const MAX_ENTRIES = 512

/**
 * Every rule file ever loaded has an entry, and users' rule files come and
 * go (`--rules` on temporary files): without a bound the folder grows for
 * ever. Entries go by modification time, which a read renews (at most every
 * few hours), so what is in use stays longest. Only a miss writes, so only
 * a miss pays for this look.
 */
function prune(dir: string): void {
  const names = fs.readdirSync(dir).filter((name) => name.endsWith('.json'))
  if (names.length <= MAX_ENTRIES) return
  const byAge = names
    .map((name) => {
      const file = path.join(dir, name)
      try {
        return {file, time: fs.statSync(file).mtimeMs}
      } catch {
        return {file, time: 0}
      }
    })
    .sort((a, b) => a.time - b.time)
  for (const {file} of byAge.slice(0, names.length - MAX_ENTRIES / 2)) fs.rmSync(file, {force: true})
}

let code: string | undefined

/** The version of every module next to this one (see `fileVersion`): what turns rule files into entries. */
function codeStamp(): string {
  if (code === undefined) {
    const folder = path.dirname(fileURLToPath(import.meta.url))
    const hash = crypto.createHash('sha1')
    try {
      for (const name of fs.readdirSync(folder).sort()) {
        const stats = fs.statSync(path.join(folder, name))
        hash.update(`${name}:${fileVersion(stats)}\0`)
      }
    } catch {
      // An unreadable folder: entries are then keyed by the file alone.
    }
    code = hash.digest('hex').slice(0, 12)
  }
  return code
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
