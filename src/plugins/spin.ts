/**
 * `spin`: words and phrases an article spinner substituted ("right into a
 * struggle" for "into a war", "Ok.G.B." for "K.G.B."), with a document-level
 * spin score that decides how far ambiguous words are trusted.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {report, reason} from '../core/report.js'
import {sentenceTokens} from '../core/tokens.js'
import {calibrate, hitConfidence, spinScore, type Hit, type ScoreParameters} from '../core/score.js'
import {loadCatalogue} from '../rules/catalogue.js'
import {keepBestSpans, madeMatcher, matcherFor, type Candidate, type PhraseMatcher} from '../rules/matcher.js'
import type {PhraseRule} from '../rules/phrases.js'
import type {UnspinFileData} from '../core/types.js'

export interface SpinOptions {
  /** Rules to match (default: the built-in `spin` catalogue). */
  rules?: readonly PhraseRule[]
  /** Extra rules, e.g. from `--fingerprints` (default: none). */
  extra?: readonly PhraseRule[]
  /** Messages below this confidence are not emitted at all (default: `0.05`). */
  floor?: number
  /** Score model parameters (default: the calibrated ones in `core/score.ts`). */
  score?: ScoreParameters
}

export default function unspinSpin(options: SpinOptions = {}) {
  const catalogue = loadCatalogue()
  const rules = options.rules ?? catalogue.phrases.get('spin') ?? []
  const all = options.extra && options.extra.length > 0 ? [...rules, ...options.extra] : rules
  // Extra rules extend the catalogue's own matcher where one is made (the CLI's snapshot holds
  // it); otherwise making it first would only read every rule twice.
  const compiled = matcherFor(all, catalogue.classes, madeMatcher(rules))
  const floor = options.floor ?? 0.05

  return function (tree: Root, file: VFile) {
    const text = String(file.value)
    const data = file.data as UnspinFileData
    // Matching, settling and scoring are functions of their own, which V8
    // compiles apart: when the per-file work after matching (whose arrays
    // and objects vary from file to file) deoptimises, the compiled matching
    // loop is not thrown away with it.
    const found = collect(compiled, tree, text)
    const {accepted, muted} = settle(found.candidates, text, data)
    const windows = score(found, accepted, muted, data, options.score)
    for (let index = 0; index < accepted.length; index++) {
      const candidate = accepted[index]!
      const local = windows.scores[windows.windowOf[index]!]!
      const confidence = calibrate(hitConfidence(candidate.confidence, candidate.evidence, local))
      if (confidence < floor) continue
      // A flat literal (see the parser): a nested one is built by V8's runtime until this is optimised.
      const details = {evidence: candidate.evidence, ruleConfidence: candidate.confidence, spinScore: round(local)}
      report(file, {
        family: 'spin',
        rule: candidate.rule.id,
        start: candidate.start,
        end: candidate.end,
        actual: candidate.actual,
        expected: candidate.expected,
        confidence,
        reason: reason(candidate.actual, candidate.expected),
        note: candidate.rule.note,
        url: candidate.rule.url,
        data: details
      })
    }
  }
}

interface Found {
  candidates: Candidate[]
  /** Where each sentence starts, in characters and in words, to place hits in windows. */
  sentenceStarts: number[]
  sentenceWords: number[]
  words: number
}

/** Every match of the catalogue, sentence by sentence. */
function collect(compiled: PhraseMatcher, tree: Root, text: string): Found {
  const found: Found = {candidates: [], sentenceStarts: [], sentenceWords: [], words: 0}
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      found.sentenceStarts.push(sentence.position?.start.offset ?? 0)
      found.sentenceWords.push(found.words)
      found.words += compiled.match(sentenceTokens(sentence), text, found.candidates)
    }
  }
  return found
}

/**
 * The matches that stand: query conditions (AND / NOT of fingerprint lists)
 * look at the whole document, and a rule that locates its match (a
 * proximity query, found by one of its words) says where the match lies and
 * what it proposes. Matches inside template debris are `muted`: they count
 * towards the spin score (the spinner's synonyms are there all the same)
 * but are not reported.
 */
function settle(candidates: readonly Candidate[], text: string, data: UnspinFileData): {accepted: Candidate[]; muted: Candidate[]} {
  let accepted: Candidate[] = []
  const muted: Candidate[] = []
  const debris = data.spintaxSpans ?? []
  let located = false
  for (const candidate of candidates) {
    const rule = candidate.rule
    let kept: Candidate | undefined
    if (rule.locate) {
      const place = rule.locate(text, candidate.start, candidate.end, candidate.tokens)
      if (place) kept = {...candidate, ...place}
    } else if (!rule.accept || rule.accept(text, candidate.start, candidate.end)) {
      kept = candidate
    }
    if (!kept) continue
    // Words inside template debris ("{equipment|tools|gear}") are its options,
    // which `spintax` proposes: a spin message there would rewrite one option
    // of several, and could shadow a match beside the debris. Muted before the
    // located matches are weighed, so none of them wins a place and is then
    // dropped. A form English never writes (evidence `certain`) is damage
    // wherever it stands and still speaks: its fix leaves no spun words
    // behind, and it keeps debris whose own confidence is below `fix`'s
    // threshold (`<Home of Commons>`, 0.85) fixable.
    if (debris.length > 0 && kept.evidence !== 'certain' && overlaps(debris, kept.start, kept.end)) {
      muted.push(kept)
      continue
    }
    accepted.push(kept)
    located ||= rule.locate !== undefined
  }
  // A located match was not weighed against the others where it lies: now it is.
  if (located) accepted = keepBestSpans(accepted)
  return {accepted, muted}
}

/** Each scoring window's score, and the window of each accepted match. */
interface Windows {
  scores: number[]
  windowOf: number[]
}

/**
 * The spin score, per window of about WINDOW_WORDS words: a long document
 * is judged by its density of damage everywhere, not drowned by its
 * length, and a spun section inside a clean article is judged on its own.
 * Sets the document's score (the windows' mean).
 */
function score(found: Found, accepted: readonly Candidate[], muted: readonly Candidate[], data: UnspinFileData, parameters: ScoreParameters | undefined): Windows {
  const {sentenceStarts, sentenceWords, words} = found
  const count = Math.max(1, Math.round(words / WINDOW_WORDS))
  const windowAt = (offset: number) => {
    const at = wordsBefore(sentenceStarts, sentenceWords, offset)
    return Math.min(count - 1, Math.floor((at * count) / Math.max(1, words)))
  }
  const hits: Hit[][] = []
  for (let window = 0; window < count; window++) hits.push([])
  const windowOf: number[] = []
  for (const candidate of accepted) {
    const window = windowAt(candidate.start)
    windowOf.push(window)
    hits[window]!.push({rule: candidate.rule.id, evidence: candidate.evidence})
  }
  for (const candidate of muted) hits[windowAt(candidate.start)]!.push({rule: candidate.rule.id, evidence: candidate.evidence})
  // Template debris found by `spintax` is evidence of a spinner too.
  for (const offset of data.spintaxOffsets ?? []) {
    hits[windowAt(offset)]!.push({rule: 'spintax', evidence: 'strong'})
  }
  const scores: number[] = []
  let sum = 0
  for (const list of hits) {
    const value = spinScore(list, words / count, parameters)
    scores.push(value)
    sum += value
  }
  data.spinScore = sum / count
  return {scores, windowOf}
}

/** Words per scoring window: about a long news article. */
const WINDOW_WORDS = 1500

/** Whether `[start, end)` overlaps one of `spans` (start and end offsets in turn). */
function overlaps(spans: readonly number[], start: number, end: number): boolean {
  for (let index = 0; index < spans.length; index += 2) {
    if (start < spans[index + 1]! && end > spans[index]!) return true
  }
  return false
}

/** Words before `offset`, to the sentence. */
function wordsBefore(starts: readonly number[], words: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return words[low] ?? 0
}

function round(value: number) {
  return Math.round(value * 1000) / 1000
}
