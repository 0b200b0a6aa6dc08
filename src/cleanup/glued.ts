/**
 * Words glued together where two page elements met ("Daily Beastthat": the
 * link text "Daily Beast" and the "that" after the link). A word is split
 * only when it is not a word itself, both halves are, and one half is a
 * function word that glue produces; a word seen twice in the document is a
 * name, not an accident, and stays.
 */
import {englishSpeller} from '../core/speller.js'
import {memoize, memoizeLast} from '../core/memo.js'

export interface Glue {
  start: number
  end: number
  actual: string
  expected: string
  confidence: number
  /** `suffix`: "Beastthat"; `camel`: "inUkraine". */
  kind: 'suffix' | 'camel'
}

/** Function words that end up glued to the word before them, longest first. */
const SUFFIXES = [
  'which', 'their', 'about', 'after', 'there', 'would', 'could',
  'that', 'this', 'with', 'from', 'have', 'were', 'said', 'says', 'will', 'into', 'when', 'been',
  'the', 'and', 'for', 'was', 'who', 'has', 'had', 'are', 'but', 'not', 'its'
]
const CAMEL = /^(the|and|of|to|in|on|at|for|with|from|by|that|is|was)([A-Z][a-z]{3,})$/
/** This many different camel-case words in one text are identifiers, not glue. */
const CAMEL_IDENTIFIERS = 3
const LETTER = /[\p{L}\p{M}\p{N}]/u
/** Glue happens in prose, not in handles, addresses, paths or compounds. */
const BEFORE_FORBIDDEN = new Set(['@', '#', '/', '.', '-', '_', '\\', '=', "'", '’', '&'])
const AFTER_FORBIDDEN = new Set(['@', '/', '-', '_', '\\', '=', '('])
const BEFORE_CODES = new Set([...BEFORE_FORBIDDEN].map((char) => char.charCodeAt(0)))
const AFTER_CODES = new Set([...AFTER_FORBIDDEN].map((char) => char.charCodeAt(0)))

function spell() {
  return englishSpeller()
}


/** Is this word in the dictionary, as written or in lower case? */
export function isWord(word: string): boolean {
  const speller = spell()
  return speller.correct(word) || speller.correct(word.toLowerCase())
}

/** Verdicts by word, shared by every file of a run (the speller is the slow part). */
const judge = memoize((word: string) => {
  let verdict: {left: string; right: string; kind: 'suffix' | 'camel'} | null = null
  const camel = CAMEL.exec(word)
  if (camel) {
    if (!isWord(word) && isWord(camel[2]!)) verdict = {left: camel[1]!, right: camel[2]!, kind: 'camel'}
  } else if (/^[A-Z]?[a-z]+$/.test(word)) {
    const lower = word.toLowerCase()
    for (const suffix of SUFFIXES) {
      if (!lower.endsWith(suffix) || word.length - suffix.length < 3) continue
      if (isWord(word)) break
      const left = word.slice(0, -suffix.length)
      if (spell().correct(left)) {
        verdict = {left, right: word.slice(-suffix.length), kind: 'suffix'}
        break
      }
    }
  }
  return verdict
})

/**
 * SUFFIXES read backwards as a trie over a-z (node * 26 + letter → node, 0:
 * none), so the tail of a word is looked up without cutting it out.
 */
const tailNext: number[] = new Array(26).fill(0)
const tailEnd: boolean[] = [false]
for (const suffix of SUFFIXES) {
  let node = 0
  for (let index = suffix.length - 1; index >= 0; index--) {
    const slot = node * 26 + suffix.charCodeAt(index) - 97
    if (tailNext[slot] === 0) {
      tailNext[slot] = tailEnd.length
      tailEnd.push(false)
      for (let k = 0; k < 26; k++) tailNext.push(0)
    }
    node = tailNext[slot]!
  }
  tailEnd[node] = true
}
const TAIL_NEXT = Int32Array.from(tailNext)
const TAIL_END = Uint8Array.from(tailEnd, (value) => (value ? 1 : 0))

/**
 * Could the ASCII letters text[start, end) (six or more) be glue? Runs on
 * every long word of every file, without cutting the word out: a function
 * word at the tail, or camel case when there is a capital inside.
 */
function mayBeGluedAt(text: string, start: number, end: number): boolean {
  const size = end - start
  // Tails of 3, 4, 5 letters, lower-cased (ASCII letters only: | 32), that leave at least 3 letters.
  let node = 0
  for (let length = 1; length <= 5; length++) {
    node = TAIL_NEXT[node * 26 + (text.charCodeAt(end - length) | 32) - 97]!
    if (node === 0) break
    if (length >= 3 && size - length >= 3 && TAIL_END[node] === 1) return true
  }
  if (text.charCodeAt(start) < 97) return false
  let capital = false
  for (let index = start + 2; index < start + 6; index++) {
    const code = text.charCodeAt(index)
    if (code >= 65 && code <= 90) {
      capital = true
      break
    }
  }
  return capital && CAMEL.test(text.slice(start, end))
}

/** `LETTER` by UTF-16 code unit, filled in as characters are met (-1: not yet known). */
const letterCodes = new Int8Array(65536).fill(-1)

/** A letter or digit of any script at `index` (false outside the text); a cheap test on one character. */
function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false
  const code = text.charCodeAt(index)
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true
  if (code <= 127) return false
  let known = letterCodes[code]!
  if (known === -1) {
    known = LETTER.test(String.fromCharCode(code)) ? 1 : 0
    letterCodes[code] = known
  }
  return known === 1
}

/**
 * Glue happens in prose, not in handles, addresses, paths or compounds:
 * the characters around text[start, end) allow it (BEFORE_FORBIDDEN,
 * AFTER_FORBIDDEN, no letter or digit on either side, no "word.word").
 */
function glueContext(text: string, start: number, end: number): boolean {
  if (isWordCharAt(text, start - 1)) return false
  if (start > 0 && BEFORE_CODES.has(text.charCodeAt(start - 1))) return false
  if (isWordCharAt(text, end)) return false
  if (end < text.length) {
    const after = text.charCodeAt(end)
    if (AFTER_CODES.has(after)) return false
    if (after === 46 && isWordCharAt(text, end + 1)) return false
  }
  return true
}

/**
 * Glued words in `text`, offsets into it; `whole` is the document it is a
 * part of, where the engine checks a large one in parts (default: `text`).
 */
export function findGlued(text: string, whole = text): Glue[] {
  const {candidates, counts: own} = candidatesIn(text)
  const counts = whole === text ? own : countsOf(whole)
  const judged = candidates
    // Seen twice in the document, it is a name or a term of it, not an accident of one page element.
    .filter(({word}) => counts.get(word) === 1)
    .map((candidate) => ({...candidate, verdict: judge(candidate.word)}))
  // Page elements meet in a few places; a text with camel case in many
  // (isEven, getValue, toNumber, onMatch) names identifiers: it documents code.
  // Counted only when a camel-case split is on the table, over the whole text.
  const identifiers = judged.some(({verdict}) => verdict?.kind === 'camel') && camelWordsOf(whole) >= CAMEL_IDENTIFIERS
  const found: Glue[] = []
  for (const {word, start, verdict} of judged) {
    if (!verdict || (verdict.kind === 'camel' && identifiers)) continue
    const seenAlone = standalone(text, verdict.kind === 'suffix' ? verdict.left : verdict.right, start)
    let confidence: number
    if (verdict.kind === 'suffix') {
      const capital = /^\p{Lu}/u.test(verdict.left)
      // A capitalised half that is only a name ("Raul|and" in "Rauland") is a surname, not glue,
      // unless the text uses it on its own; short halves ("Verb|and") likewise.
      if (capital && !seenAlone && (verdict.left.length < 5 || !spell().correct(verdict.left.toLowerCase()))) continue
      confidence = verdict.left.length >= 5 ? 0.8 : 0.65
      if (seenAlone) confidence += 0.1
    } else {
      confidence = seenAlone ? 0.85 : 0.55
    }
    found.push({
      start,
      end: start + word.length,
      actual: word,
      expected: `${verdict.left} ${verdict.right}`,
      confidence,
      kind: verdict.kind
    })
  }
  return found
}

/** Words that may be two glued together, and how often each occurs. */
function candidatesIn(text: string): {candidates: Array<{word: string; start: number}>; counts: Map<string, number>} {
  const candidates: Array<{word: string; start: number}> = []
  const counts = new Map<string, number>()
  // Maximal runs of six ASCII letters or more. `test` leaves the run's end
  // in `lastIndex` without building a match, and its start is found by
  // stepping back: the pattern scans natively, where a loop over every
  // character of every text runs in V8's interpreter until it is compiled.
  LONG_RUN.lastIndex = 0
  while (LONG_RUN.test(text)) {
    const end = LONG_RUN.lastIndex
    let from = end - 6
    while (from > 0 && isAsciiLetter(text.charCodeAt(from - 1))) from--
    if (!glueContext(text, from, end) || !mayBeGluedAt(text, from, end)) continue
    const word = text.slice(from, end)
    candidates.push({word, start: from})
    counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return {candidates, counts}
}

const LONG_RUN = /[A-Za-z]{6,}/g

/** A-Z, a-z (`| 32` lower-cases ASCII letters only). */
function isAsciiLetter(code: number): boolean {
  const lower = code | 32
  return lower >= 97 && lower <= 122
}

/** How often each candidate occurs in a whole document; asked again for each part of one. */
const countsOf = memoizeLast((whole: string) => candidatesIn(whole).counts)

/** Different camel-case words in a text (isEven, getValue), up to CAMEL_IDENTIFIERS; asked again for each part of one. */
const camelWordsOf = memoizeLast(camelWords)

/** Different camel-case words in a text (isEven, getValue), up to CAMEL_IDENTIFIERS. */
function camelWords(text: string): number {
  const seen = new Set<string>()
  for (const match of text.matchAll(CAMEL_WORD)) {
    seen.add(match[0])
    if (seen.size >= CAMEL_IDENTIFIERS) break
  }
  return seen.size
}

const CAMEL_WORD = /(?<![\p{L}\p{N}])\p{Ll}+\p{Lu}\p{Ll}+/gu

/** Does `word` occur on its own elsewhere in the text ("Daily Beast said" next to "Daily Beastthat")? */
function standalone(text: string, word: string, skip: number): boolean {
  let from = 0
  for (;;) {
    const at = text.indexOf(word, from)
    if (at === -1) return false
    from = at + word.length
    if (at === skip) continue
    const before = text.charAt(at - 1)
    const after = text.charAt(at + word.length)
    if ((!before || !LETTER.test(before)) && (!after || !LETTER.test(after))) return true
  }
}
