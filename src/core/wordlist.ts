/**
 * dictionary-en's words as nspell expands them, written once by the build
 * (`dist/core/english-words.txt`) and searched in place at run time.
 *
 * Why: nspell expands about 124,000 forms from the affix rules every time a
 * process starts, a quarter of a second plus the garbage it leaves, and
 * unspin only ever asks "is this a word". Reading the expanded list and
 * indexing its lines by hash costs about 0.03 s, once per process (the
 * CLI's start-up snapshot holds the index built). `correct()` answers as
 * nspell's does for the same dictionary (its input conversion, case
 * fallbacks, flags and compound rules); the tests compare the two.
 *
 * The file: one JSON line saying what nspell knows besides the words (and a
 * stamp of the dictionary and nspell it came from), then one line per word
 * in code-unit order, with its flags after a tab when it has any.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'

/** What `correct()` needs of nspell's state, besides the words. */
interface Header {
  stamp: string
  /** nspell's input conversions (ICONV): pattern source, flags, replacement. */
  conversions: Array<[string, string, string]>
  compoundMin: number
  /** Compound rules as nspell compiles them (case-insensitive). */
  compounds: string[]
  onlyInCompound: string | null
  forbidden: string | null
  keepCase: string | null
}

/** The parts of an nspell instance the list is made from (its own fields). */
export interface NspellState {
  data: Record<string, string[]>
  flags: Record<string, unknown>
  compoundRules: RegExp[]
  conversion: {in: Array<[RegExp, string]>}
}

export interface WordList {
  correct(word: string): boolean
}

/** Bumped when the file's layout changes, so an older build's list is not misread. */
const FORMAT = 1

/** What the list was made from: the dictionary's files, nspell's version and the file's layout. */
export function dictionaryStamp(aff: Uint8Array, dic: Uint8Array, nspellVersion: string): string {
  return crypto.createHash('sha1').update(aff).update('\0').update(dic).update(`\0${nspellVersion}\0${FORMAT}`).digest('hex')
}

export function serializeWordList(spell: NspellState, stamp: string): string {
  const flag = (name: string) => {
    const value = spell.flags[name]
    return typeof value === 'string' ? value : null
  }
  const header: Header = {
    stamp,
    conversions: spell.conversion.in.map(([pattern, replacement]) => [pattern.source, pattern.flags, replacement]),
    compoundMin: Number(spell.flags.COMPOUNDMIN ?? 3),
    compounds: spell.compoundRules.map((rule) => rule.source),
    onlyInCompound: flag('ONLYINCOMPOUND'),
    forbidden: flag('FORBIDDENWORD'),
    keepCase: flag('KEEPCASE')
  }
  const words = Object.keys(spell.data).sort()
  const lines = words.map((word) => {
    const codes = spell.data[word]!
    return codes.length > 0 ? `${word}\t${codes.join(' ')}` : word
  })
  return `${JSON.stringify(header)}\n${lines.join('\n')}\n`
}

/** The list in `file`, or `undefined` when it is missing or was made from another dictionary. */
export function readWordList(file: string, stamp: string): WordList | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const firstBreak = text.indexOf('\n')
  let header: unknown
  try {
    header = JSON.parse(text.slice(0, firstBreak))
  } catch {
    return undefined
  }
  if (!isHeader(header) || header.stamp !== stamp) return undefined
  return new WordTable(text, firstBreak + 1, header)
}

/** A header this version wrote (anything else, nspell answers instead). */
function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false
  const header = value as Record<string, unknown>
  const flag = (item: unknown) => item === null || typeof item === 'string'
  const strings = (item: unknown) => Array.isArray(item) && item.every((entry) => typeof entry === 'string')
  return (
    typeof header.stamp === 'string' &&
    typeof header.compoundMin === 'number' &&
    strings(header.compounds) &&
    Array.isArray(header.conversions) &&
    header.conversions.every((entry) => strings(entry) && (entry as string[]).length === 3) &&
    flag(header.onlyInCompound) &&
    flag(header.forbidden) &&
    flag(header.keepCase)
  )
}

const NO_FLAGS = ''
const TAB = 9
const NEWLINE = 10

class WordTable implements WordList {
  private readonly text: string
  private readonly conversions: Array<[RegExp, string]>
  private readonly compounds: RegExp[]
  private readonly header: Header

  /**
   * Open addressing over the lines, by a hash of each word: a lookup reads
   * one or two lines where a binary search read seventeen, spread over a
   * 1.5 MB string. Unknown words (names, on distinct news most of what is
   * asked) cost a probe or two as well. Slots hold a line's offset + 1.
   */
  private readonly slots: Int32Array
  private readonly mask: number

  constructor(text: string, from: number, header: Header) {
    let count = 0
    for (let at = text.indexOf('\n', from); at !== -1; at = text.indexOf('\n', at + 1)) count++
    let size = 1
    while (size < count * 2) size *= 2
    const slots = new Int32Array(size)
    const mask = size - 1
    for (let line = 0, at = from; line < count; line++) {
      let end = at
      while (end < text.length && text.charCodeAt(end) !== TAB && text.charCodeAt(end) !== NEWLINE) end++
      let slot = hashOf(text, at, end) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = at + 1
      at = text.indexOf('\n', end) + 1
    }
    this.text = text
    this.slots = slots
    this.mask = mask
    this.header = header
    this.conversions = header.conversions.map(([source, flags, replacement]) => [new RegExp(source, flags), replacement])
    this.compounds = header.compounds.map((source) => new RegExp(source, 'i'))
  }

  /** nspell's `correct`: the word as written, then in sentence case if all capitals, then in lower case. */
  correct(value: string): boolean {
    let normal = value.trim()
    if (!normal) return false
    for (const [pattern, replacement] of this.conversions) normal = normal.replace(pattern, replacement)
    if (this.exact(normal)) return !this.has(this.flagsOf(normal), this.header.forbidden)
    if (normal.toUpperCase() === normal) {
      const alternative = normal.charAt(0) + normal.slice(1).toLowerCase()
      if (this.ignored(alternative)) return false
      if (this.exact(alternative)) return true
    }
    const alternative = normal.toLowerCase()
    if (alternative !== normal) {
      if (this.ignored(alternative)) return false
      if (this.exact(alternative)) return true
    }
    return false
  }

  private exact(value: string): boolean {
    const flags = this.flagsOf(value)
    if (flags !== undefined) return !this.has(flags, this.header.onlyInCompound)
    if (value.length >= this.header.compoundMin) {
      for (const rule of this.compounds) if (rule.test(value)) return true
    }
    return false
  }

  private ignored(value: string): boolean {
    const flags = this.flagsOf(value)
    return this.has(flags, this.header.keepCase) || this.has(flags, this.header.forbidden)
  }

  private has(flags: string | undefined, code: string | null): boolean {
    return flags !== undefined && flags !== NO_FLAGS && code !== null && flags.split(' ').includes(code)
  }

  /** The word's flags (`''` for none), or `undefined` when it is not listed. */
  private flagsOf(word: string): string | undefined {
    const {text, slots, mask} = this
    for (let slot = hashOf(word, 0, word.length) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const start = slots[slot]! - 1
      if (!isWordAt(word, text, start)) continue
      const end = start + word.length
      return text.charCodeAt(end) === TAB ? text.slice(end + 1, text.indexOf('\n', end)) : NO_FLAGS
    }
    return undefined
  }
}

/** FNV-1a of `text[start..end)`: one multiply a code unit. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  return hash
}

/** Whether the line at `start` lists `word`: its word ends there (at a tab, a line break or the text's end), and `word` is no word and flags. */
function isWordAt(word: string, text: string, start: number): boolean {
  if (!text.startsWith(word, start)) return false
  const end = start + word.length
  if (!(end === text.length || text.charCodeAt(end) === TAB || text.charCodeAt(end) === NEWLINE)) return false
  return !word.includes('\t') && !word.includes('\n')
}
