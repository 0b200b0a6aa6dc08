/**
 * Keyword lists for page furniture (`rules/boilerplate.yml` and user files of
 * the same shape), validated when loaded and compiled so that judging a line
 * costs one map lookup plus one regular expression per list, however long
 * the lists grow.
 */
import path from 'node:path'
import {RULES_DIR} from '../rules/catalogue.js'
import {screenedPattern, type Tester} from '../core/pattern.js'
import {foldSpace} from './lines.js'
import {ConfigError, readYamlFile} from '../rules/yaml.js'

export interface KeywordListData {
  id: string
  /** What the message calls such a line: "Unexpected ad label `…`". */
  label: string
  confidence: number
  inBody?: number
  maxWords?: number
  lines?: string[]
  prefixes?: string[]
  contains?: string[]
  patterns?: string[]
  note?: string
  examples?: {match?: string[]; pass?: string[]}
}

export interface KeywordFileData {
  family: 'boilerplate'
  description?: string
  /**
   * Lines that are the document's own structure (section headings such as
   * "Abstract" or "2. Methods"): they repeat across the files of a corpus
   * because documents share a form, not because a page wrapped them.
   */
  structure?: {lines?: string[]; patterns?: string[]}
  lists: KeywordListData[]
}

export interface KeywordList {
  id: string
  label: string
  confidence: number
  inBody: number
  maxWords: number
  note?: string
  examples: {match: string[]; pass: string[]}
  /** `file:line`, for messages about the list itself. */
  origin: string
}

export interface KeywordHit {
  list: KeywordList
  /** How the line matched: exact line, prefix, phrase, or pattern. */
  how: 'line' | 'prefix' | 'contains' | 'pattern'
}

const SCHEMA = {
  type: 'object',
  required: ['family', 'lists'],
  additionalProperties: false,
  properties: {
    family: {const: 'boilerplate'},
    description: {type: 'string'},
    structure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lines: {type: 'array', items: {type: 'string', minLength: 1}},
        patterns: {type: 'array', items: {type: 'string', minLength: 1}}
      }
    },
    lists: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'confidence'],
        additionalProperties: false,
        properties: {
          id: {type: 'string', pattern: '^[a-z][a-z0-9-]*$'},
          label: {type: 'string', minLength: 1},
          confidence: {type: 'number', minimum: 0, maximum: 1},
          inBody: {type: 'number', minimum: 0, maximum: 1},
          maxWords: {type: 'integer', minimum: 1},
          lines: {type: 'array', items: {type: 'string', minLength: 1}},
          prefixes: {type: 'array', items: {type: 'string', minLength: 1}},
          contains: {type: 'array', items: {type: 'string', minLength: 1}},
          patterns: {type: 'array', items: {type: 'string', minLength: 1}},
          note: {type: 'string'},
          examples: {
            type: 'object',
            additionalProperties: false,
            properties: {
              match: {type: 'array', items: {type: 'string'}},
              pass: {type: 'array', items: {type: 'string'}}
            }
          }
        }
      }
    }
  }
} as const

export const BUILTIN_FILE = path.join(RULES_DIR, 'boilerplate.yml')

interface CompiledList {
  list: KeywordList
  /** The list's patterns as one, case-insensitive (see core/pattern.ts). */
  patterns: Tester
}

/** Lists compiled for matching. */
export class Keywords {
  readonly lists: KeywordList[] = []
  private readonly exact = new WholeLines<KeywordList>()
  /** Prefixes bucketed by their first word. */
  private readonly prefixes = new Map<string, Array<{prefix: string; probe: string; list: KeywordList}>>()
  /**
   * Phrases bucketed by their longest word: one map lookup per word of a
   * line, and only lines with that word look further. (By their first word,
   * every "by", "we" or "in" of a page looked further.)
   */
  private readonly phrases = new Map<string, Array<{phrase: string; probe: string; list: KeywordList}>>()
  private readonly compiled: CompiledList[] = []
  /** No list looks at lines longer than this. */
  private longest = 0

  add(data: KeywordFileData, file: string, lineOf: (at: Array<string | number>) => number | undefined) {
    for (const line of data.structure?.lines ?? []) this.structureLines.add(line, true)
    data.structure?.patterns?.forEach((pattern, at) => {
      // Case-sensitive, unlike the lists' patterns: a heading's capital is part of what makes it one.
      this.structurePatterns.push(compilePattern(pattern, file, lineOf(['structure', 'patterns', at]), 'u'))
    })
    data.lists.forEach((item, index) => {
      const origin = `${file}:${lineOf(['lists', index]) ?? 1}`
      const list: KeywordList = {
        id: item.id,
        label: item.label,
        confidence: item.confidence,
        inBody: item.inBody ?? item.confidence,
        maxWords: item.maxWords ?? 12,
        note: item.note,
        examples: {match: item.examples?.match ?? [], pass: item.examples?.pass ?? []},
        origin
      }
      this.lists.push(list)
      this.tiers = []
      this.longest = Math.max(this.longest, list.maxWords)
      for (const line of item.lines ?? []) {
        if (fold(line).split(' ').length > EXACT_WORDS) {
          throw new ConfigError(file, lineOf(['lists', index, 'lines']), `a \`lines\` entry has more than ${EXACT_WORDS} words; use \`contains\``)
        }
        this.exact.add(line, list)
      }
      for (const prefix of item.prefixes ?? []) {
        const folded = fold(prefix)
        addToBucket(this.prefixes, firstRunOf(folded), {prefix: folded, probe: probeOf(folded), list})
      }
      for (const phrase of item.contains ?? []) {
        const folded = fold(phrase)
        addToBucket(this.phrases, longestRunOf(folded), {phrase: folded, probe: probeOf(folded), list})
      }
      if (item.patterns && item.patterns.length > 0) {
        item.patterns.forEach((pattern, at) => compilePattern(pattern, file, lineOf(['lists', index, 'patterns', at])))
        const source = item.patterns.map((pattern) => `(?:${pattern})`).join('|')
        // Screened only where this project wrote the patterns: a user's could backtrack without its boundaries (see core/pattern.ts).
        this.compiled.push({list, patterns: file === BUILTIN_FILE ? screenedPattern(source, 'iu') : new RegExp(source, 'iu')})
      }
    })
  }

  private readonly structureLines = new WholeLines<true>()
  private readonly structurePatterns: RegExp[] = []

  /**
   * Whether a line has the shape of one of the document's own headings (see
   * `KeywordFileData.structure`): one of its `lines`, or a line one of its
   * `patterns` matches (a numbered heading, which a numbered list of
   * teasers can look like too: the caller decides by what follows).
   */
  structureOf(text: string): 'line' | 'pattern' | undefined {
    const lower = text.toLowerCase()
    if (this.structureLines.mayHold(lower) && this.structureLines.get(foldLower(lower))) return 'line'
    const line = text.trim()
    return this.structurePatterns.some((pattern) => pattern.test(line)) ? 'pattern' : undefined
  }

  /** Buckets by line length: only entries whose list takes a line of that many words. */
  private tiers: Array<Tier | undefined> = []

  /**
   * Build the buckets of every line length now. They are otherwise built
   * at the first line of each length, which suits a short run; the CLI's
   * start-up snapshot builds them all once (`src/cli/snapshot.ts`).
   */
  prepare(): void {
    for (let words = 1; words <= this.longest; words++) this.tier(words)
  }

  private tier(words: number): Tier {
    let found = this.tiers[words]
    if (!found) {
      const prefixes = filterBuckets(this.prefixes, words)
      const phrases = filterBuckets(this.phrases, words)
      found = {prefixes, phrases, prefixHashes: hashBits(prefixes.keys()), phraseHashes: hashBits(phrases.keys())}
      this.tiers[words] = found
    }
    return found
  }

  /** The first list a line belongs to, if any. `text` is the line as written; `sentence`: it ends like one. */
  match(text: string, words: number, sentence = false): KeywordHit | undefined {
    if (words > this.longest || words === 0) return undefined
    // This runs on every line of every file: cheap checks first, folding only when a bucket hits.
    const lower = text.toLowerCase()
    let folded: string | undefined
    if (words <= EXACT_WORDS && this.exact.mayHold(lower)) {
      folded = foldLower(lower)
      const exact = this.exact.get(folded)
      if (exact && words <= exact.maxWords) return {list: exact, how: 'line'}
    }
    const tier = this.tier(words)
    // The words of /[a-z0-9\u00c0-\u024f']+ on the lower-cased line), scanned
    // by hand with a rolling hash: a bucket is looked up only when the hash is a key's.
    const length = lower.length
    let first = true
    let at = 0
    while (at < length) {
      let code = lower.charCodeAt(at)
      if (!isKeyChar(code)) {
        at++
        continue
      }
      const from = at
      let hash = 0
      do {
        hash = (Math.imul(hash, 31) + code) | 0
        at++
      } while (at < length && isKeyChar((code = lower.charCodeAt(at))))
      const isFirst = first
      first = false
      if (isFirst && hasBit(tier.prefixHashes, hash)) {
        // Indexed loops (here and below), not for…of: see the phrase matcher's `matchAt`.
        const entries = tier.prefixes.get(lower.slice(from, at)) ?? NO_PREFIXES
        for (let k = 0; k < entries.length; k++) {
          const {prefix, probe, list} = entries[k]!
          if (!lower.includes(probe)) continue
          folded ??= foldLower(lower)
          const trimmed = trimLine(folded)
          const base = trimmed.startsWith(prefix) ? trimmed : folded.startsWith(prefix) ? folded : undefined
          if (base === undefined) continue
          const after = base.charAt(prefix.length)
          // Whole words only: "related:" yes, "relatedness" no.
          if (after === '' || !LETTER_OR_DIGIT.test(after) || !LETTER_OR_DIGIT.test(prefix.charAt(prefix.length - 1))) {
            return {list, how: 'prefix'}
          }
        }
      }
      if (!hasBit(tier.phraseHashes, hash)) continue
      const bucket = tier.phrases.get(lower.slice(from, at))
      if (!bucket) continue
      for (let k = 0; k < bucket.length; k++) {
        const {phrase, probe, list} = bucket[k]!
        if (!lower.includes(probe)) continue
        folded ??= foldLower(lower)
        let found = folded.indexOf(phrase)
        while (found !== -1) {
          // Within the string: reading past either end costs the optimised code.
          const before = found > 0 ? folded.charAt(found - 1) : ''
          const after = found + phrase.length < folded.length ? folded.charAt(found + phrase.length) : ''
          if ((before === '' || !LETTER_OR_DIGIT.test(before)) && (after === '' || !LETTER_OR_DIGIT.test(after))) {
            return {list, how: 'contains'}
          }
          found = folded.indexOf(phrase, found + 1)
        }
      }
    }
    // Patterns are for widgets and captions; a long line that ends like a sentence is neither.
    if (sentence && words > 12) return undefined
    const line = text.trim()
    for (let k = 0; k < this.compiled.length; k++) {
      const entry = this.compiled[k]!
      if (words <= entry.list.maxWords && entry.patterns.test(line)) return {list: entry.list, how: 'pattern'}
    }
    return undefined
  }
}

type PrefixEntry = {prefix: string; probe: string; list: KeywordList}
const NO_PREFIXES: readonly PrefixEntry[] = []

interface Tier {
  prefixes: Map<string, PrefixEntry[]>
  phrases: Map<string, Array<{phrase: string; probe: string; list: KeywordList}>>
  /** The hashes of the buckets' keys, as bits (see `hashBits`). */
  prefixHashes: Uint32Array
  phraseHashes: Uint32Array
}

/** File an entry under `key`, one of the runs of key characters that `match` looks words up by. */
function addToBucket<T>(buckets: Map<string, T[]>, key: string, entry: T): void {
  const bucket = buckets.get(key)
  if (bucket) bucket.push(entry)
  else buckets.set(key, [entry])
}

/** The runs of key characters (see `isKeyChar`) in a folded key. */
const RUNS = /[a-z0-9\u00c0-\u024f']+/g

/** The first run: a prefix is looked up by a line's first word. */
function firstRunOf(folded: string): string {
  return folded.match(RUNS)?.[0] ?? folded
}

/**
 * The longest run (the first of equals), the one least likely to be a
 * common word. Where a line holds the phrase as whole words, it holds each
 * of the phrase's runs as a run of its own, as it holds the first.
 */
function longestRunOf(folded: string): string {
  let longest = ''
  for (const run of folded.match(RUNS) ?? []) if (run.length > longest.length) longest = run
  return longest || folded
}

/** The buckets with only the entries whose list takes a line of `words` words (same order), empty ones left out. */
function filterBuckets<T extends {list: KeywordList}>(buckets: Map<string, T[]>, words: number): Map<string, T[]> {
  const result = new Map<string, T[]>()
  for (const [key, entries] of buckets) {
    const kept = entries.filter((entry) => words <= entry.list.maxWords)
    if (kept.length > 0) result.set(key, kept)
  }
  return result
}

/**
 * The longest piece of a folded key without space or apostrophe. Folding
 * only rewrites quotes and white space, so where the key occurs in the
 * folded line this piece occurs in the lower-cased line as it is: a line
 * without it needs no folding.
 */
function probeOf(folded: string): string {
  let longest = ''
  for (const piece of folded.split(/[ ']/)) if (piece.length > longest.length) longest = piece
  return longest
}

/**
 * A bit per hash (modulo the table's size) of each key: a word of a line is
 * looked up only when its bit is set. Reading a bit costs less than asking
 * a set, and a line has many words; a bit set by another key costs one
 * lookup of a word that is not there.
 */
function hashBits(keys: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(HASH_BITS / 32)
  for (const key of keys) setBit(bits, hashOf(key))
  return bits
}

/**
 * The hash of the first run of letters and digits (a-z, 0-9, U+00C0-U+024F
 * but × and ÷) in a lower-cased string, or `undefined` if it has none.
 * Folding a line rewrites only quotes and white space, and `trimLine` takes
 * only punctuation, symbols and spaces off its ends, none of them such a
 * letter: a line and its folded, trimmed key start with the same run. So a
 * line whose first run is no key's first run is no key, and is neither
 * folded nor looked up.
 */
function firstRun(lower: string): number | undefined {
  const length = lower.length
  let at = 0
  while (at < length && !isRunChar(lower.charCodeAt(at))) at++
  if (at === length) return undefined
  let hash = 0
  for (let code: number; at < length && isRunChar((code = lower.charCodeAt(at))); at++) hash = (Math.imul(hash, 31) + code) | 0
  return hash
}

function isRunChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
}

/**
 * Whole lines (the lists' `lines`, the document's structure lines), by
 * their folded, trimmed text, with the first runs of letters of those keys
 * as bits: a line that cannot be one of them is neither folded nor looked
 * up (see `firstRun`).
 */
class WholeLines<T> {
  private readonly keys = new Map<string, T>()
  private readonly firstRuns = new Uint32Array(HASH_BITS / 32)
  /** Whether some key has no run of letters at all (a line of signs, a word in Cyrillic). */
  private withoutRun = false

  add(line: string, value: T): void {
    const key = trimLine(fold(line))
    this.keys.set(key, value)
    const hash = firstRun(key)
    if (hash === undefined) this.withoutRun = true
    else setBit(this.firstRuns, hash)
  }

  /** Whether a lower-cased line may fold to one of the keys. */
  mayHold(lower: string): boolean {
    const hash = firstRun(lower)
    return hash === undefined ? this.withoutRun : hasBit(this.firstRuns, hash)
  }

  /** The value of a line already folded (`foldLower`), trimmed here. */
  get(folded: string): T | undefined {
    return this.keys.get(trimLine(folded))
  }
}

function setBit(bits: Uint32Array, hash: number): void {
  const at = hash & (HASH_BITS - 1)
  bits[at >>> 5]! |= 1 << (at & 31)
}

function hasBit(bits: Uint32Array, hash: number): boolean {
  const at = hash & (HASH_BITS - 1)
  return (bits[at >>> 5]! & (1 << (at & 31))) !== 0
}

/**
 * Bits of the hash tables: of the built-in lists, a line length's few dozen
 * bucket keys set under one in a hundred, and the 135-odd first runs of
 * the whole-line keys about three in a hundred.
 */
const HASH_BITS = 1 << 12

function hashOf(value: string): number {
  let hash = 0
  for (let index = 0; index < value.length; index++) hash = (Math.imul(hash, 31) + value.charCodeAt(index)) | 0
  return hash
}

/** A word character of the key scan: a-z, 0-9, U+00C0-U+024F, `'`. */
function isKeyChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f) || code === 39
}

/** `fold` of a line already lower-cased; skips the replacements that would change nothing. */
function foldLower(lower: string): string {
  // Trimmed first, as `fold` trims last: the same, since a run of white
  // space at either end becomes one space and then goes. An indented line
  // then often has no white space left to fold.
  let value = lower.trim()
  if (QUOTE.test(value)) value = value.replace(/[’‘]/g, "'")
  return foldSpace(value)
}

const QUOTE = /[’‘]/


function compilePattern(pattern: string, file: string, line: number | undefined, flags = 'iu'): RegExp {
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    throw new ConfigError(file, line, `invalid pattern: ${(error as Error).message}`)
  }
}

/** No `lines` entry is longer than this many words; longer lines skip the exact lookup. */
const EXACT_WORDS = 10
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/** Lower case, ’ as ', white space folded. */
export function fold(value: string): string {
  return value.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
}

/**
 * Punctuation and symbols at either end do not change what a line is ("—
 * Advertisement —"). By hand, a character at a time from each end: the
 * pattern /^[…]+|[…]+$/ tries its second half at every place of the line.
 */
function trimLine(value: string): string {
  let start = 0
  let end = value.length
  while (start < end) {
    const size = edgeAt(value, start, false)
    if (size === 0) break
    start += size
  }
  while (end > start) {
    const size = edgeAt(value, end, true)
    if (size === 0) break
    end -= size
  }
  return start === 0 && end === value.length ? value : value.slice(start, end)
}

/** The length (1 or 2) of the punctuation, symbol or space character starting at `at`, or ending there (`before`); 0 if it is another. */
function edgeAt(value: string, at: number, before: boolean): number {
  const code = value.charCodeAt(before ? at - 1 : at)
  // Letters and digits of ASCII, the most frequent ends, without a pattern.
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return 0
  // A symbol outside the BMP (an emoji) is two code units: a surrogate pair.
  const pair = before
    ? isLowSurrogate(code) && at - 2 >= 0 && isHighSurrogate(value.charCodeAt(at - 2))
    : isHighSurrogate(code) && at + 1 < value.length && isLowSurrogate(value.charCodeAt(at + 1))
  const size = pair ? 2 : 1
  const char = before ? value.slice(at - size, at) : value.slice(at, at + size)
  return EDGE.test(char) ? size : 0
}

const EDGE = /^[\p{P}\p{S}\s]$/u
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

const cache = new Map<string, Keywords>()

/**
 * The built-in lists plus user files (`--rules`) whose `family` is
 * `boilerplate`. Loaded once per set of files.
 */
export function loadKeywords(files: readonly string[] = [], builtin = true): Keywords {
  const all = [...(builtin ? [BUILTIN_FILE] : []), ...files.map((file) => path.resolve(file))]
  const key = all.join('\0')
  const cached = cache.get(key)
  if (cached) return cached
  const keywords = new Keywords()
  for (const file of all) {
    const loaded = readYamlFile<KeywordFileData>(file, SCHEMA)
    keywords.add(loaded.data, file, loaded.lineOf)
  }
  cache.set(key, keywords)
  return keywords
}
