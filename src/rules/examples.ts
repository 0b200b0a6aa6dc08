/**
 * Every rule carries its own examples; this runs them. Used by the test
 * suite for the built-in catalogue and by users for their own rule files.
 */
import {parse} from '../parse/index.js'
import {sentenceTokens, sentences} from '../core/tokens.js'
import type {Classes} from './classes.js'
import {PhraseMatcher, type Candidate} from './matcher.js'
import type {PhraseRule} from './phrases.js'

export interface ExampleFailure {
  rule: string
  origin: string
  example: string
  problem: string
}

/** Check one rule's examples in isolation (other rules cannot shadow it). */
export function checkExamples(rules: readonly PhraseRule[], classes: Classes): ExampleFailure[] {
  const failures: ExampleFailure[] = []
  const byId = new Map<string, PhraseRule[]>()
  for (const rule of rules) byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule])
  for (const [id, forms] of byId) {
    const matcher = new PhraseMatcher(forms, classes)
    const first = forms[0]!
    for (const example of first.examples.match) {
      const {text, span} = unbracket(example)
      const found = run(matcher, text)
      const hit = span
        ? found.find((candidate) => candidate.start === span[0] && candidate.end === span[1])
        : found[0]
      if (!hit) {
        const got = found.map((candidate) => `\`${candidate.actual}\``).join(', ') || 'nothing'
        failures.push({rule: id, origin: first.origin, example, problem: `expected a match on ${span ? `\`${text.slice(span[0], span[1])}\`` : 'the example'}, found ${got}`})
      }
    }
    for (const example of first.examples.pass) {
      const {text} = unbracket(example)
      const found = run(matcher, text)
      if (found.length > 0) {
        failures.push({rule: id, origin: first.origin, example, problem: `expected no match, found \`${found[0]!.actual}\``})
      }
    }
  }
  return failures
}

function run(matcher: PhraseMatcher, text: string): Candidate[] {
  const found: Candidate[] = []
  for (const sentence of sentences(parse(text))) matcher.match(sentenceTokens(sentence), text, found)
  return found
}

/** `the [struggle] ends` -> the text without brackets and the bracketed span. */
export function unbracket(example: string): {text: string; span?: [number, number]} {
  const open = example.indexOf('[')
  const close = example.indexOf(']', open + 1)
  if (open === -1 || close === -1) return {text: example}
  const text = example.slice(0, open) + example.slice(open + 1, close) + example.slice(close + 1)
  return {text, span: [open, close - 1]}
}
