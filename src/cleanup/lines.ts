/**
 * Scraped text is line-oriented: every element of the page (menu item,
 * caption, paragraph) became one line. Boilerplate is judged a line at a
 * time, so this module cuts the text into lines and measures them once.
 */
import {eng} from 'stopword/src/stopwords_eng.js'
import {runsOn, wrapWidth} from '../core/wrap.js'

export interface Line {
  /** Index among all lines, blank ones included (a paragraph of joined wrapped lines counts once). */
  index: number
  /** Offsets of the line's text, without its line break. */
  start: number
  end: number
  /** Offset just after the line break (equal to `end` on the last line). */
  next: number
  text: string
  blank: boolean
  words: number
  /** Share of words that are English function words, 0..1. */
  stopShare: number
  /** Share of words that start with a capital. */
  capShare: number
  /** Ends like a sentence: `.`, `!`, `?`, `…`, or one of those inside a closing quote. */
  sentence: boolean
  hasLower: boolean
  hasLetters: boolean
}

// Words that make English prose prose; from the `stopword` package, plus the
// common ones it leaves out (negation, modals, pronouns, connectives).
const STOP = new Set<string>([
  ...eng,
  'not', 'no', 'will', 'its', "it's", 'she', 'us', 'so', 'just', 'when', 'why', 'against',
  'there', 'who', 'whom', 'whose', 'been', 'does', "don't", "doesn't", 'isn’t', "isn't",
  'also', 'even', 'than', 'then', 'says', 'told', 'said', 'every', 'during', 'about', 'until',
  'although', 'though', 'however', 'because', 'already', 'yet', 'few', 'own', 'against', 'off',
  'down', 'again', 'further', 'once', 'am', 'shall', 'may', 'whether', 'without', 'within'
])

// Letters and digits, BMP-wide; without the `u` flag V8 runs this several times faster.
const WORD = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+(?:['’][A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+)*/g
// A short agency or author tag after the full stop ("… he said. (AP)", "(dpa)") leaves the line a sentence.
const SENTENCE_END = /[.!?…]["”’'»)\]]*(?:\s+\([\p{L}/]{1,12}\))?\s*$/u
const LETTER = /\p{L}/u
const LOWER = /\p{Ll}/u

// Both apostrophes, so a lookup needs no replace.
for (const word of [...STOP]) if (word.includes("'")) STOP.add(word.replace(/'/g, '’'))

export function isStopWord(word: string): boolean {
  return STOP.has(word.toLowerCase())
}

/**
 * A line lower-cased, white space folded, trimmed: what repetition across
 * files compares (empty for blank and long lines, which are never compared).
 * Computed on demand: only candidate lines need it.
 */
export function lineNorm(line: Line): string {
  if (line.blank || line.text.length > SAMPLE) return ''
  return foldSpace(line.text).trim().toLowerCase()
}

/**
 * Each run of white space as one space: `value.replace(/\s+/g, ' ')`, but
 * a line with single spaces only (most lines) is returned as it is, not
 * copied by a replacement that changes nothing.
 */
export function foldSpace(value: string): string {
  return ODD_SPACE.test(value) ? value.replace(/\s+/g, ' ') : value
}

/** A run of white space, or a white space other than ' ': what folding white space changes. */
const ODD_SPACE = /\s\s|[^\S ]/

/**
 * The text's lines, measured. With `joinWrapped`, the lines of a paragraph
 * of hard-wrapped prose are one line, as a scraper would have written it
 * (see core/wrap.ts): its wrapped lines are not short lines without a full
 * stop, the shape of navigation.
 */
export function splitLines(text: string, options: {joinWrapped?: boolean} = {}): Line[] {
  const width = options.joinWrapped ? wrapWidth(text) : 0
  const lines: Line[] = []
  let start = 0
  let index = 0
  while (start <= text.length) {
    let lineStart = start
    let end: number
    let last: boolean
    let textEnd: number
    for (;;) {
      end = text.indexOf('\n', lineStart)
      last = end === -1
      if (last) end = text.length
      // A CR before the LF belongs to the break, not to the line's text.
      textEnd = !last && end > lineStart && text.charCodeAt(end - 1) === 13 ? end - 1 : end
      if (last || !options.joinWrapped || !runsOn(text, lineStart, textEnd, end + 1, width)) break
      lineStart = end + 1
    }
    const next = last ? end : end + 1
    lines.push(measure(text, text.slice(start, textEnd), index++, start, textEnd, next))
    if (last) break
    start = next
  }
  return lines
}

/** Long lines are prose or not by their first few hundred characters; measuring more costs time and tells nothing. */
const SAMPLE = 160

/**
 * Stop words as a trie over a 28-symbol alphabet (a-z, ', ’), so `measure`
 * needs no substring, regex match or hash per word. Every entry of STOP is
 * made of those symbols, and no letter `WORD` accepts lower-cases to ASCII,
 * so a word with any other character is never a stop word.
 */
const SYMBOLS = 28
const TRIE_FITS = [...STOP].every((word) => /^[a-z'’]+$/.test(word))
const trieNext: number[] = []
const trieEnd: boolean[] = []
function trieNode(): number {
  const id = trieEnd.length
  for (let k = 0; k < SYMBOLS; k++) trieNext.push(-1)
  trieEnd.push(false)
  return id
}
trieNode()
if (TRIE_FITS) {
  for (const word of STOP) {
    let node = 0
    for (let k = 0; k < word.length; k++) {
      const symbol = symbolOf(word.charCodeAt(k), false)
      let next = trieNext[node * SYMBOLS + symbol]!
      if (next === -1) {
        next = trieNode()
        trieNext[node * SYMBOLS + symbol] = next
      }
      node = next
    }
    trieEnd[node] = true
  }
}
const NEXT = Int32Array.from(trieNext)
const END = Uint8Array.from(trieEnd, (value) => (value ? 1 : 0))

/** The trie symbol of a character, -1 when no stop word has it (upper case folds in capitalised words only). */
function symbolOf(code: number, capital: boolean): number {
  if (code >= 97 && code <= 122) return code - 97
  if (code >= 65 && code <= 90) return capital ? code - 65 : -1
  if (code === 39) return 26
  if (code === 0x2019) return 27
  return -1
}

/** Non-ASCII characters `WORD` accepts whose lower case differs (a capital). */
const UPPER = new Uint8Array(0x500)
for (let code = 0x80; code < 0x500; code++) {
  const char = String.fromCharCode(code)
  UPPER[code] = char !== char.toLowerCase() ? 1 : 0
}

/** `WORD`'s letters: A-Z, a-z, U+00C0-U+024F, U+0370-U+04FF (digits are `isWordChar`'s only). */
function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f) || (code >= 0x370 && code <= 0x4ff)
}

function isWordChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57)
}

function measure(text: string, raw: string, index: number, start: number, end: number, next: number): Line {
  const sample = raw.length > SAMPLE ? raw.slice(0, SAMPLE) : raw
  let words = 0
  let stops = 0
  let caps = 0
  if (TRIE_FITS) {
    // The words of `WORD` in the sample, scanned by hand in the whole text
    // (faster than in a slice of it): letters and digits, then any number
    // of apostrophe + letters.
    const limit = start + sample.length
    let at = start
    while (at < limit) {
      let code = text.charCodeAt(at)
      if (!isWordChar(code)) {
        at++
        continue
      }
      words++
      const capital = (code >= 65 && code <= 90) || (code > 127 && UPPER[code] === 1)
      if (capital) caps++
      let node = 0
      for (;;) {
        // Letters and digits.
        while (at < limit && isWordChar((code = text.charCodeAt(at)))) {
          if (node !== -1) {
            const symbol = symbolOf(code, capital)
            node = symbol === -1 ? -1 : NEXT[node * SYMBOLS + symbol]!
          }
          at++
        }
        // An apostrophe joins only when a letter follows.
        if (at + 1 < limit && (code === 39 || code === 0x2019) && isLetter(text.charCodeAt(at + 1))) {
          if (node !== -1) node = NEXT[node * SYMBOLS + (code === 39 ? 26 : 27)]!
          at++
          while (at < limit && isLetter((code = text.charCodeAt(at)))) {
            if (node !== -1) {
              const symbol = symbolOf(code, capital)
              node = symbol === -1 ? -1 : NEXT[node * SYMBOLS + symbol]!
            }
            at++
          }
          // Digits after apostrophe letters end the word.
          if (at < limit && (code === 39 || code === 0x2019)) continue
          break
        }
        break
      }
      if (node !== -1 && END[node] === 1) stops++
    }
  } else {
    WORD.lastIndex = 0
    for (let match = WORD.exec(sample); match; match = WORD.exec(sample)) {
      const word = match[0]
      words++
      const first = word.charCodeAt(0)
      const capital = (first >= 65 && first <= 90) || (first > 127 && word[0] !== word[0]!.toLowerCase())
      // Most words are lower case already; lower-casing every one costs more than the lookup.
      if (capital ? STOP.has(word.toLowerCase()) : STOP.has(word)) stops++
      if (capital) caps++
    }
  }
  // Extrapolate the word count of a long line from its sample.
  const total = sample === raw ? words : Math.round((words * raw.length) / sample.length)
  const blank = !/\S/.test(raw)
  return {
    index,
    start,
    end,
    next,
    text: raw,
    blank,
    words: total,
    stopShare: words ? stops / words : 0,
    capShare: words ? caps / words : 0,
    sentence: SENTENCE_END.test(raw.length > 40 ? raw.slice(-40) : raw),
    hasLower: LOWER.test(sample),
    hasLetters: LETTER.test(sample)
  }
}
