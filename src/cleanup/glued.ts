/**
 * Words glued together where two page elements met ("Daily Beastthat": the
 * link text "Daily Beast" and the "that" after the link). A word is split
 * only when it is not a word itself, both halves are, and one half is a
 * function word that glue produces; a word seen twice in the document is a
 * name, not an accident, and stays.
 */
import {createRequire} from 'node:module'
import type nspellType from 'nspell'

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
const SUFFIX_SET = new Set(SUFFIXES)
const CAMEL = /^(the|and|of|to|in|on|at|for|with|from|by|that|is|was)([A-Z][a-z]{3,})$/
const WORD = /[A-Za-z]{6,}/g
const LETTER = /[\p{L}\p{M}\p{N}]/u
/** Glue happens in prose, not in handles, addresses, paths or compounds. */
const BEFORE_FORBIDDEN = new Set(['@', '#', '/', '.', '-', '_', '\\', '=', "'", '’', '&'])
const AFTER_FORBIDDEN = new Set(['@', '/', '-', '_', '\\', '=', '('])

const require = createRequire(import.meta.url)
let speller: ReturnType<typeof nspellType> | undefined

function spell() {
  // Building the speller takes a quarter of a second; only documents with a candidate pay for it.
  if (!speller) {
    const nspell = require('nspell') as typeof nspellType
    speller = nspell(loadDictionary())
  }
  return speller
}

function loadDictionary(): {aff: Buffer; dic: Buffer} {
  const fs = require('node:fs') as typeof import('node:fs')
  const path = require('node:path') as typeof import('node:path')
  // The package's own entry reads the files with top-level await, which a synchronous plugin cannot wait for.
  const folder = path.dirname(require.resolve('dictionary-en'))
  return {aff: fs.readFileSync(path.join(folder, 'index.aff')), dic: fs.readFileSync(path.join(folder, 'index.dic'))}
}

/** Verdicts by word, shared by every file of a run (the speller is the slow part). */
const verdicts = new Map<string, {left: string; right: string; kind: 'suffix' | 'camel'} | null>()

/** Is this word in the dictionary, as written or in lower case? */
export function isWord(word: string): boolean {
  const speller = spell()
  return speller.correct(word) || speller.correct(word.toLowerCase())
}

function judge(word: string) {
  const cached = verdicts.get(word)
  if (cached !== undefined) return cached
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
  verdicts.set(word, verdict)
  return verdict
}

function mayBeGlued(word: string): boolean {
  // Runs on every long word of every file: look at the tail only, and at camel case only when there is a capital inside.
  const tail = word.slice(-5).toLowerCase()
  for (let length = 3; length <= 5; length++) {
    if (word.length - length >= 3 && SUFFIX_SET.has(tail.slice(-length))) return true
  }
  return word.charCodeAt(0) >= 97 && /[A-Z]/.test(word.slice(2, 6)) && CAMEL.test(word)
}

/** Letters and digits of any script; a cheap test on one character. */
function isWordChar(char: string): boolean {
  if (char === '') return false
  const code = char.charCodeAt(0)
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true
  return code > 127 && LETTER.test(char)
}

/** Glued words in a text, offsets into it. */
export function findGlued(text: string): Glue[] {
  const candidates: Array<{word: string; start: number}> = []
  const counts = new Map<string, number>()
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const word = match[0]
    const start = match.index
    const end = start + word.length
    const before = text.charAt(start - 1)
    const after = text.charAt(end)
    if (
      isWordChar(before) ||
      BEFORE_FORBIDDEN.has(before) ||
      isWordChar(after) ||
      AFTER_FORBIDDEN.has(after) ||
      (after === '.' && isWordChar(text.charAt(end + 1)))
    ) {
      continue
    }
    if (!mayBeGlued(word)) continue
    candidates.push({word, start})
    counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  const found: Glue[] = []
  for (const {word, start} of candidates) {
    // Seen twice, it is a name or a term of this text, not an accident of one page element.
    if (counts.get(word)! > 1) continue
    const verdict = judge(word)
    if (!verdict) continue
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
