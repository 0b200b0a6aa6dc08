/**
 * Phrase rules: the data behind `spin` and `mt`. See docs/rule-format.md.
 */
import type {Family} from '../core/types.js'
import type {Token} from '../core/tokens.js'
import {ConfigError, readYamlFile, parseYaml, type LoadedYaml} from './yaml.js'
import {cached} from './cache.js'
import {phraseShape, type Candidate, type PhraseShape} from './matcher.js'

import {EVIDENCE, type Evidence} from '../core/types.js'

export {EVIDENCE, type Evidence}

export interface Condition {
  before?: string[]
  after?: string[]
  notBefore?: string[]
  notAfter?: string[]
  near?: string[]
  notNear?: string[]
  window?: number
}

export interface Context extends Condition {
  confidence?: number
  evidence?: Evidence
}

export interface PhraseRuleData {
  id: string
  spun?: string
  original?: string | string[]
  forms?: Record<string, string | string[]>
  confidence: number
  evidence: Evidence
  when?: Condition
  contexts?: Context[]
  note?: string
  url?: string
  examples?: {match?: string[]; pass?: string[]}
}

export interface PhraseFileData {
  family: Family
  description?: string
  source?: string
  url?: string
  rules: PhraseRuleData[]
}

/** A rule ready for matching: one entry per spun form. */
export interface PhraseRule {
  id: string
  family: Family
  spun: string
  original: string[]
  confidence: number
  evidence: Evidence
  when?: Condition
  contexts?: Context[]
  note?: string
  url?: string
  examples: {match: string[]; pass: string[]}
  /** `file:line`, for messages about the rule itself. */
  origin: string
  /** The spun phrase tokenised as the matcher reads it (computed when the file is loaded). */
  shape?: PhraseShape
  /**
   * A document-level condition a match must also meet (external fingerprint
   * queries: `AND`, `NOT`); checked only when the phrase matched.
   */
  accept?: (text: string, start: number, end: number) => boolean
  /**
   * For a rule whose match reaches beyond the word the matcher found (a
   * proximity query of a fingerprint list, found by its rarest word): where
   * the match lies and what it proposes, or nothing if it does not apply.
   * Used instead of `accept`.
   */
  locate?: (text: string, start: number, end: number, tokens?: readonly Token[]) => Pick<Candidate, 'rule' | 'start' | 'end' | 'actual' | 'expected' | 'confidence' | 'evidence'> | undefined
}

const list = {type: 'array', items: {type: 'string', minLength: 1}}
const conditionProperties = {
  before: list,
  after: list,
  notBefore: list,
  notAfter: list,
  near: list,
  notNear: list,
  window: {type: 'integer', minimum: 1, maximum: 50}
}
const alternatives = {
  anyOf: [{type: 'string'}, {type: 'array', items: {type: 'string'}, minItems: 1}]
}

export const phraseFileSchema = {
  type: 'object',
  required: ['family', 'rules'],
  additionalProperties: false,
  properties: {
    family: {type: 'string', enum: ['spin', 'mt', 'spintax']},
    description: {type: 'string'},
    source: {type: 'string'},
    url: {type: 'string'},
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'confidence', 'evidence'],
        additionalProperties: false,
        anyOf: [{required: ['spun', 'original']}, {required: ['forms']}],
        properties: {
          id: {type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$'},
          spun: {type: 'string', minLength: 1},
          original: alternatives,
          forms: {type: 'object', minProperties: 1, additionalProperties: alternatives},
          confidence: {type: 'number', minimum: 0, maximum: 1},
          evidence: {type: 'string', enum: [...EVIDENCE]},
          when: {type: 'object', additionalProperties: false, properties: conditionProperties},
          contexts: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                ...conditionProperties,
                confidence: {type: 'number', minimum: 0, maximum: 1},
                evidence: {type: 'string', enum: [...EVIDENCE]}
              }
            }
          },
          note: {type: 'string'},
          url: {type: 'string'},
          examples: {
            type: 'object',
            additionalProperties: false,
            properties: {match: list, pass: list}
          }
        }
      }
    }
  }
} as const

/** What the cache keeps of a phrase file: its rules, validated against this schema. */
const CACHED_AS = {rules: phraseFileSchema}

export function loadPhraseFile(path: string): PhraseRule[] {
  return cached(path, () => toRules(readYamlFile<PhraseFileData>(path, phraseFileSchema, {cache: false}), path), CACHED_AS)
}

export function parsePhraseFile(text: string, path: string): PhraseRule[] {
  return toRules(parseYaml<PhraseFileData>(text, path, phraseFileSchema), path)
}

function toRules(loaded: LoadedYaml<PhraseFileData>, path: string): PhraseRule[] {
  const {data} = loaded
  const rules: PhraseRule[] = []
  const seen = new Set<string>()
  data.rules.forEach((rule, index) => {
    const line = loaded.lineOf(['rules', index])
    if (seen.has(rule.id)) throw new ConfigError(path, line, `duplicate rule id \`${rule.id}\``)
    seen.add(rule.id)
    const forms: Array<[string, string | string[]]> = rule.forms
      ? Object.entries(rule.forms)
      : [[rule.spun!, rule.original!]]
    for (const [spun, original] of forms) {
      const alternatives = (Array.isArray(original) ? original : [original]).map((value) => value.trim())
      if (spun.trim() === '') throw new ConfigError(path, line, `rule \`${rule.id}\` has an empty spun form`)
      rules.push({
        id: rule.id,
        family: data.family,
        spun: spun.trim(),
        original: alternatives,
        confidence: rule.confidence,
        evidence: rule.evidence,
        when: rule.when,
        contexts: rule.contexts,
        note: rule.note?.trim(),
        url: rule.url ?? data.url,
        examples: {match: rule.examples?.match ?? [], pass: rule.examples?.pass ?? []},
        origin: `${path}:${line ?? 1}`,
        shape: phraseShape(spun.trim())
      })
    }
  })
  return rules
}
