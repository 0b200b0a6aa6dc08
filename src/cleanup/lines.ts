/**
 * Scraped text is line-oriented: every element of the page (menu item,
 * caption, paragraph) became one line. Boilerplate is judged a line at a
 * time, so this module cuts the text into lines and measures them once.
 */
import {eng} from 'stopword'

export interface Line {
  /** Index among all lines, blank ones included. */
  index: number
  /** Offsets of the line's text, without its line break. */
  start: number
  end: number
  /** Offset just after the line break (equal to `end` on the last line). */
  next: number
  text: string
  /** Lower case, white space folded, trimmed (empty for long lines, which are never compared). */
  norm: string
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
const SENTENCE_END = /[.!?…]["”’'»)\]]*\s*$/u
const LETTER = /\p{L}/u
const LOWER = /\p{Ll}/u

// Both apostrophes, so a lookup needs no replace.
for (const word of [...STOP]) if (word.includes("'")) STOP.add(word.replace(/'/g, '’'))

export function isStopWord(word: string): boolean {
  return STOP.has(word.toLowerCase())
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let index = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    const last = end === -1
    if (last) end = text.length
    const next = last ? end : end + 1
    // A CR before the LF belongs to the break, not to the line's text.
    const textEnd = !last && end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
    lines.push(measure(text.slice(start, textEnd), index++, start, textEnd, next))
    if (last) break
    start = next
  }
  return lines
}

/** Long lines are prose or not by their first few hundred characters; measuring more costs time and tells nothing. */
const SAMPLE = 160

function measure(raw: string, index: number, start: number, end: number, next: number): Line {
  const sample = raw.length > SAMPLE ? raw.slice(0, SAMPLE) : raw
  let words = 0
  let stops = 0
  let caps = 0
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
  // Extrapolate the word count of a long line from its sample.
  const total = sample === raw ? words : Math.round((words * raw.length) / sample.length)
  const blank = !/\S/.test(raw)
  return {
    index,
    start,
    end,
    next,
    text: raw,
    norm: blank ? '' : raw.length > SAMPLE ? '' : raw.replace(/\s+/g, ' ').trim().toLowerCase(),
    blank,
    words: total,
    stopShare: words ? stops / words : 0,
    capShare: words ? caps / words : 0,
    sentence: SENTENCE_END.test(raw.length > 20 ? raw.slice(-20) : raw),
    hasLower: LOWER.test(sample),
    hasLetters: LETTER.test(sample)
  }
}
