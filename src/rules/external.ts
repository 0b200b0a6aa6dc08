/**
 * External fingerprint lists (`--fingerprints`: the Problematic Paper
 * Screener's CSV queries or `{tortured, correct}` JSON) as spin rules.
 *
 * The lists say what a phrase replaced, not how sure that is in running
 * text, so confidence comes from what the row itself tells: a single common
 * word or a phrase that contains its own correction is risky; a row the list
 * marks uncertain is lowered; a proximity query matched with its words apart
 * or out of order is a looser reading of the list and lowered too.
 *
 * A proximity query `"a b c"~N` gives two rules. Its exact phrase is an
 * ordinary phrase rule. Its other arrangements are found by a rule on its
 * rarest word alone (shared by every query with that word): the matcher
 * sees one more rare word, so the words of ordinary text cost nothing more,
 * and only where that word occurs is its sentence read for the other words
 * (`locate`).
 */
import {parse} from '../parse/index.js'
import {sentenceTokens, sentences, type Token} from '../core/tokens.js'
import {commonWordRank, isExcluded, readFingerprintList, requirementsMet, sloppyMatch, type Fingerprint} from './fingerprints.js'
import {cached} from './cache.js'
import {loadCatalogue} from './catalogue.js'
import {matchCase, phraseShape, phraseTokens, type Candidate, type PhraseShape} from './matcher.js'
import type {Evidence, PhraseRule} from './phrases.js'

/** Where a match really lies and what it proposes there: the parts of a candidate that `locate` replaces. */
export type Located = Pick<Candidate, 'rule' | 'start' | 'end' | 'actual' | 'expected' | 'confidence' | 'evidence'>

/**
 * A rule whose match reaches beyond the word the matcher found (proximity
 * queries): `locate` says, for a hit at `start..end`, where the match lies
 * and what it proposes, or nothing if it does not apply. A plugin that
 * knows `locate` calls it instead of `accept` and reports what it returns;
 * to one that does not, `accept` says no, so such a rule never reports a
 * match at the wrong place.
 */
export interface LocatingRule extends PhraseRule {
  locate(text: string, start: number, end: number, tokens?: readonly Token[]): Located | undefined
}

export function isLocating(rule: PhraseRule): rule is LocatingRule {
  return typeof (rule as Partial<LocatingRule>).locate === 'function'
}

const perFile = new Map<string, Array<{fingerprint: Fingerprint; rule: PhraseRule}>>()
const perList = new Map<string, PhraseRule[]>()

export function externalRules(files: readonly string[]): PhraseRule[] {
  const id = files.join('\0')
  let rules = perList.get(id)
  if (!rules) {
    const rows = files.flatMap((file) => {
      let list = perFile.get(file)
      if (!list) {
        // Read through the rule cache, as `--rules` files are, with each row's token shape: a
        // list of thousands of rows costs more to parse, clean and tokenize than its entry
        // costs to read (about 0.15 s of each start for the PPS list). Keyed on the path as
        // given too: each row's origin (in its note) names the file so.
        const {fingerprints, shapes} = cached(file, () => readList(file), `fingerprints\0${file}`)
        list = fingerprints.map((fingerprint, index) => ({fingerprint, rule: toRule(fingerprint, index, shapes[index])}))
        perFile.set(file, list)
      }
      return list
    })
    rules = [...rows.map((row) => row.rule), ...proximityRules(rows)]
    perList.set(id, rules)
  }
  return rules
}

/** A list's rows and the token shape of each row's phrase. */
function readList(file: string): {fingerprints: Fingerprint[]; shapes: PhraseShape[]} {
  const {fingerprints} = readFingerprintList(file)
  return {fingerprints, shapes: fingerprints.map((fingerprint) => phraseShape(fingerprint.tortured))}
}

/** Rule confidence of an exact match of the row. */
function baseConfidence(fingerprint: Fingerprint): number {
  let confidence = 0.9
  if (fingerprint.uncertain) confidence -= 0.25
  if (fingerprint.risky) confidence = Math.min(confidence, 0.3)
  return confidence
}

export function toRule(fingerprint: Fingerprint, index: number, shape: PhraseShape): PhraseRule {
  const words = fingerprint.tortured.trim().split(/\s+/).length
  const confidence = baseConfidence(fingerprint)
  const evidence: Evidence = fingerprint.risky ? 'none' : words === 1 ? 'moderate' : 'strong'
  const conditional = fingerprint.requires.length + fingerprint.requiresAny.length + fingerprint.excludes.length > 0
  const proximity =
    fingerprint.slop === undefined
      ? ''
      : ` A proximity query: its words within ${fingerprint.slop} positions of each other in one sentence, in any order.` +
        ` ${fingerprint.expected.map((value) => `\`${value}\``).join(' or ')} is proposed only where they stand as written; apart or out of order, no rewrite is proposed (it would drop the words between).`
  return {
    id: `fingerprint-${index + 1}`,
    family: 'spin',
    spun: fingerprint.tortured,
    original: fingerprint.expected,
    confidence,
    evidence,
    note: `Tortured phrase from ${fingerprint.origin}${fingerprint.papers ? ` (found in ${fingerprint.papers.toLocaleString('en')} papers)` : ''}.${proximity}`,
    url: fingerprint.url,
    examples: {match: [], pass: []},
    origin: fingerprint.origin,
    // Computed once (and cached with the list): the matcher and the choice of proximity triggers both read it.
    shape,
    ...(conditional ? {accept: (text: string, start: number, end: number) => conditionsMet(fingerprint, text, start, end)} : {})
  }
}

function conditionsMet(fingerprint: Fingerprint, text: string, start: number, end: number): boolean {
  return requirementsMet(fingerprint, text) && !isExcluded(fingerprint, text, start, end)
}

// ---------------------------------------------------------------------------
// Proximity

/** A proximity query, ready to place around a hit of its trigger word. */
interface Query {
  fingerprint: Fingerprint
  /** The row's exact-phrase rule: a proximity match is reported as this rule. */
  rule: PhraseRule
  /** Lookup keys of the phrase's words. */
  terms: string[]
  slop: number
  /** Index of the trigger word in `terms`. */
  trigger: number
}

/**
 * One rule per trigger word, for every proximity query of the lists. The
 * trigger is the query's rarest word (by SUBTLEX-US rank; a word it does
 * not know is rarer than any it does). The rule's own confidence is
 * negligible, so that where another one-word rule has the same word that
 * rule keeps the hit; `locate` gives each match its query's real confidence.
 */
function proximityRules(rows: ReadonlyArray<{fingerprint: Fingerprint; rule: PhraseRule}>): LocatingRule[] {
  if (!rows.some(({fingerprint}) => fingerprint.slop)) return []
  const taken = new Set<string>()
  for (const rule of [...(loadCatalogue().phrases.get('spin') ?? []), ...rows.map((row) => row.rule)]) {
    const keys = (rule.shape ?? phraseShape(rule.spun)).keys
    if (keys.length === 1) taken.add(keys[0]!)
  }
  const byTrigger = new Map<string, {word: string; queries: Query[]}>()
  for (const {fingerprint, rule} of rows) {
    if (fingerprint.slop === undefined || fingerprint.slop === 0) continue
    const words = phraseTokens(fingerprint.tortured).filter((token) => token.kind === 'word')
    if (words.length < 2) continue
    // Rarest first; a word another one-word rule has would have to share its hits.
    const order = words.map((_, index) => index).sort((a, b) => rarity(words[b]!.key) - rarity(words[a]!.key))
    const trigger = order.find((index) => !taken.has(words[index]!.key)) ?? order[0]!
    const key = words[trigger]!.key
    let group = byTrigger.get(key)
    if (!group) {
      group = {word: words[trigger]!.value, queries: []}
      byTrigger.set(key, group)
    }
    group.queries.push({fingerprint, rule, terms: words.map((word) => word.key), slop: fingerprint.slop, trigger})
  }
  return [...byTrigger].map(([key, {word, queries}]) => {
    const rule: LocatingRule = {
      id: `fingerprint-proximity-${key}`,
      family: 'spin',
      spun: word,
      original: [],
      confidence: 0.001,
      evidence: 'none',
      examples: {match: [], pass: []},
      origin: queries[0]!.fingerprint.origin,
      shape: {keys: [key], spaced: [false], keepDot: true},
      accept: () => false,
      locate: (text, start, end, tokens) => locate(queries, text, start, end, tokens)
    }
    return rule
  })
}

function rarity(key: string): number {
  return commonWordRank(key) ?? Number.POSITIVE_INFINITY
}

/**
 * Without the sentence's tokens (a caller that has no tree), the sentence
 * is read again from a stretch of text around the hit, this far either
 * side at most (a sentence longer than that is cut there), and no further
 * than its line.
 */
const REACH = 1500

/**
 * The best match of any of `queries` whose trigger word is the one at
 * `start..end`, in the sentence `tokens` (the tree's: inside remark or
 * rehype, markup between the words is no word), else read from `text`.
 */
function locate(queries: readonly Query[], text: string, start: number, end: number, given?: readonly Token[]): Located | undefined {
  const sentence = given ? {tokens: given, words: given.filter((token) => token.kind === 'word')} : readSentence(queries, text, start, end)
  if (!sentence) return undefined
  const {tokens, words} = sentence
  const keys = new Set(words.map((word) => word.key))
  const possible = queries.filter((query) => query.terms.every((term) => keys.has(term)))
  if (possible.length === 0) return undefined
  const at = words.findIndex((word) => word.start === start)
  if (at === -1) return undefined

  let best: {located: Located; distance: number; length: number} | undefined
  for (const query of possible) {
    const match = sloppyMatch(query.terms, words, at, query.trigger, query.slop)
    if (!match) continue
    const first = Math.min(...match.positions)
    const last = Math.max(...match.positions)
    const span = bracketed(text, words[first]!.start, words[last]!.end)
    if (!conditionsMet(query.fingerprint, text, span.start, span.end)) continue
    const located = place(query, text, tokens, words, span, first, match.distance)
    const better =
      !best ||
      match.distance < best.distance ||
      (match.distance === best.distance && (query.terms.length > best.length || located.confidence > best.located.confidence))
    if (better) best = {located, distance: match.distance, length: query.terms.length}
  }
  return best?.located
}

function place(
  query: Query,
  text: string,
  tokens: readonly Token[],
  words: readonly Token[],
  span: {start: number; end: number},
  first: number,
  distance: number
): Located {
  const actual = text.slice(span.start, span.end)
  const exact = baseConfidence(query.fingerprint)
  // Apart or out of order: a looser reading of the row, the looser the further.
  const confidence = distance === 0 ? exact : exact - 0.1 - (0.1 * distance) / Math.max(1, query.slop)
  const sentenceStart = tokens.indexOf(words[first]!) <= tokens.findIndex((token) => token.kind === 'word')
  const evidence: Evidence = query.fingerprint.risky ? 'none' : distance === 0 ? query.rule.evidence : 'moderate'
  // The row's phrase replaces its tortured phrase as written. Apart or out
  // of order, the span holds other words ("gatherings were analysed using a
  // simple clustering" for `"gatherings clustering"~10` -> "clustering") or
  // a word the query names only as context ("UTAUT, social impact" for
  // `"social impact UTAUT"~10` -> "social influence"): replacing it would
  // drop the writer's words, so the match is pointed out, with no rewrite
  // (the rule's note says what the row proposes).
  const expected = distance > 0 ? [] : query.fingerprint.expected.map((value) => matchCase(actual, value, {spun: query.fingerprint.tortured, sentenceStart}))
  return {rule: query.rule, start: span.start, end: span.end, actual, expected, confidence: Math.max(0.05, confidence), evidence}
}

/**
 * A span that opens a bracket it does not close takes the closing one right
 * after it: "exactness (accuracy)" is replaced whole, not as
 * "exactness (accuracy" leaving a stray ")".
 */
function bracketed(text: string, start: number, end: number): {start: number; end: number} {
  const actual = text.slice(start, end)
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    if (count(actual, open) > count(actual, close) && text[end] === close) return {start, end: end + 1}
  }
  return {start, end}
}

function count(value: string, char: string): number {
  let found = 0
  for (let index = value.indexOf(char); index !== -1; index = value.indexOf(char, index + 1)) found++
  return found
}

// A sentence never runs over a blank line (the parser ends a paragraph
// there), so the stretch stops at one; a single line break may fall inside
// a sentence of wrapped prose.
const BLANK_LINE = /\r?\n[ \t]*\r?\n/g

function stretchStart(text: string, start: number): number {
  const from = Math.max(0, start - REACH)
  let lineStart = from
  BLANK_LINE.lastIndex = 0
  const before = text.slice(from, start)
  for (let match = BLANK_LINE.exec(before); match; match = BLANK_LINE.exec(before)) lineStart = from + match.index + match[0].length
  return lineStart
}

function stretchEnd(text: string, end: number): number {
  const to = Math.min(text.length, end + REACH)
  BLANK_LINE.lastIndex = 0
  const match = BLANK_LINE.exec(text.slice(end, to))
  return match ? end + match.index : to
}

/** The sentence that holds `offset`, parsed from `text[from..to)`, with its offsets in `text`. */
function sentenceAt(text: string, from: number, to: number, offset: number): {tokens: Token[]; words: Token[]} | undefined {
  for (const sentence of sentences(parse(text.slice(from, to)))) {
    const start = sentence.position?.start.offset
    const end = sentence.position?.end.offset
    if (start === undefined || end === undefined || offset < from + start || offset >= from + end) continue
    const tokens = sentenceTokens(sentence).map((token) => ({...token, start: token.start + from, end: token.end + from}))
    return {tokens, words: tokens.filter((token) => token.kind === 'word')}
  }
  return undefined
}

/** The sentence around `start..end` read from `text`, if the stretch around it holds every word of some query at all. */
function readSentence(queries: readonly Query[], text: string, start: number, end: number): {tokens: readonly Token[]; words: readonly Token[]} | undefined {
  // Before parsing anything.
  const from = stretchStart(text, start)
  const to = stretchEnd(text, end)
  const lower = normalizeCase(text.slice(from, to))
  if (!queries.some((query) => query.terms.every((term) => lower.includes(term)))) return undefined
  return sentenceAt(text, from, to, start)
}

/** Lower case with ’ as ', as token keys are. */
function normalizeCase(value: string): string {
  return value.toLowerCase().replace(/’/g, "'")
}
