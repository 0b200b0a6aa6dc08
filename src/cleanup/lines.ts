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
  /** Lower case, white space folded, trimmed. */
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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
const SENTENCE_END = /[.!?…]["”’'»)\]]*\s*$/u
const LETTER = /\p{L}/u
const LOWER = /\p{Ll}/u

export function isStopWord(word: string): boolean {
  return STOP.has(word.toLowerCase().replace(/’/g, "'"))
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

function measure(raw: string, index: number, start: number, end: number, next: number): Line {
  const norm = raw.replace(/\s+/g, ' ').trim().toLowerCase()
  let words = 0
  let stops = 0
  let caps = 0
  for (const match of raw.matchAll(WORD)) {
    const word = match[0]
    words++
    if (STOP.has(word.toLowerCase().replace(/’/g, "'"))) stops++
    const first = word.charAt(0)
    if (first !== first.toLowerCase()) caps++
  }
  return {
    index,
    start,
    end,
    next,
    text: raw,
    norm,
    blank: norm.length === 0,
    words,
    stopShare: words ? stops / words : 0,
    capShare: words ? caps / words : 0,
    sentence: SENTENCE_END.test(raw),
    hasLower: LOWER.test(raw),
    hasLetters: LETTER.test(raw)
  }
}
