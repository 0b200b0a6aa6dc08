/**
 * `mt`: machine-translation artifacts from the catalogue in `rules/mt.yml`:
 * publication and institution names translated word for word ("Dem
 * mirror" for Der Spiegel) and function words left untranslated ("het").
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {reason, report} from '../core/report.js'
import {sentenceTokens, sentences} from '../core/tokens.js'
import {loadCatalogue} from '../rules/catalogue.js'
import {matcherFor, phraseTokens, type Candidate} from '../rules/matcher.js'
import type {PhraseRule} from '../rules/phrases.js'

export interface MtOptions {
  /** Rules to match (default: the `mt` rules of the catalogue, built-in plus `--rules`). */
  rules?: readonly PhraseRule[]
  /** Messages below this confidence are not emitted at all (default: `0.3`). */
  floor?: number
}

export default function unspinMt(options: MtOptions = {}) {
  const catalogue = loadCatalogue()
  const rules = options.rules ?? catalogue.phrases.get('mt') ?? []
  const compiled = matcherFor(rules, catalogue.classes)
  const floor = options.floor ?? 0.3

  return function (tree: Root, file: VFile) {
    const text = String(file.value)
    const candidates: Candidate[] = []
    // The parser's token views make this one integer lookup per token.
    for (const sentence of sentences(tree)) compiled.match(sentenceTokens(sentence), text, candidates)
    for (const candidate of candidates) {
      if (candidate.confidence < floor || !caseAgrees(candidate)) continue
      report(file, {
        family: 'mt',
        rule: candidate.rule.id,
        start: candidate.start,
        end: candidate.end,
        actual: candidate.actual,
        expected: candidate.expected,
        confidence: candidate.confidence,
        reason: reason(candidate.actual, candidate.expected),
        note: candidate.rule.note,
        url: candidate.rule.url
      })
    }
  }
}

const lowerCased = new WeakMap<PhraseRule, boolean[]>()

/**
 * Literal translations are common nouns, so a word the rule writes in lower
 * case must be lower case in the text (after the first word, which a
 * sentence may capitalise): "the Mirror" is the British tabloid, not
 * Der Spiegel.
 */
function caseAgrees(candidate: Candidate): boolean {
  let lower = lowerCased.get(candidate.rule)
  if (!lower) {
    lower = phraseTokens(candidate.rule.spun).map((token) => token.value === token.value.toLowerCase())
    lowerCased.set(candidate.rule, lower)
  }
  const words = phraseTokens(candidate.actual)
  for (let index = 1; index < words.length && index < lower.length; index++) {
    const value = words[index]!.value
    if (lower[index] && value !== value.toLowerCase()) return false
  }
  return true
}
