/**
 * `spin`: words and phrases an article spinner substituted ("right into a
 * struggle" for "into a war", "Ok.G.B." for "K.G.B."), with a document-level
 * spin score that decides how far ambiguous words are trusted.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {report, reason} from '../core/report.js'
import {sentenceTokens} from '../core/tokens.js'
import {hitConfidence, spinScore, type Hit, type ScoreParameters} from '../core/score.js'
import {loadCatalogue} from '../rules/catalogue.js'
import {PhraseMatcher, type Candidate} from '../rules/matcher.js'
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

const matchers = new WeakMap<readonly PhraseRule[], PhraseMatcher>()

export default function unspinSpin(options: SpinOptions = {}) {
  const catalogue = loadCatalogue()
  const rules = options.rules ?? catalogue.phrases.get('spin') ?? []
  const all = options.extra && options.extra.length > 0 ? [...rules, ...options.extra] : rules
  // Compiling buckets is per catalogue, not per file.
  let matcher = matchers.get(all)
  if (!matcher) {
    matcher = new PhraseMatcher(all, catalogue.classes)
    matchers.set(all, matcher)
  }
  const floor = options.floor ?? 0.05
  const compiled = matcher

  return function (tree: Root, file: VFile) {
    const text = String(file.value)
    const candidates: Candidate[] = []
    let words = 0
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue
      for (const sentence of paragraph.children) {
        if (sentence.type !== 'SentenceNode') continue
        words += compiled.match(sentenceTokens(sentence), text, candidates)
      }
    }
    // Query conditions (AND / NOT of fingerprint lists) look at the whole document.
    for (let index = candidates.length - 1; index >= 0; index--) {
      const candidate = candidates[index]!
      if (candidate.rule.accept && !candidate.rule.accept(text, candidate.start, candidate.end)) candidates.splice(index, 1)
    }
    const data = file.data as UnspinFileData
    const hits: Hit[] = candidates.map((candidate) => ({
      rule: candidate.rule.id,
      evidence: candidate.evidence
    }))
    // Template debris found by `spintax` is evidence of a spinner too.
    const debris = (data.spintaxHits as number | undefined) ?? 0
    for (let index = 0; index < debris; index++) hits.push({rule: 'spintax', evidence: 'strong'})
    const score = spinScore(hits, words, options.score)
    data.spinScore = score

    for (const candidate of candidates) {
      const confidence = hitConfidence(candidate.confidence, candidate.evidence, score)
      if (confidence < floor) continue
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
        data: {evidence: candidate.evidence, ruleConfidence: candidate.confidence, spinScore: round(score)}
      })
    }
  }
}

function round(value: number) {
  return Math.round(value * 1000) / 1000
}
