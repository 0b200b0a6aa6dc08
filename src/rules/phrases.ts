/**
 * Phrase rules: the data behind `spin` and `mt`. See docs/rule-format.md.
 */
import v8 from 'node:v8'
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
  /** Terms whose words the file's `swaps` replace: each swapped version is a spun form of the term. */
  terms?: string[]
  /** How many words of a term a form must have swapped (default 1). */
  minSwaps?: number
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
  /** Words of `terms` and what paraphrasers put for each (see `termForms`). */
  swaps?: Record<string, string[]>
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
  /**
   * A form made from the rule's `terms` and its file's `swaps`: the built-in
   * catalogue drops it where another of its rules has the same form, or
   * proposes the same term under conditions, which it would otherwise make
   * moot (see `builtinPhrases` in catalogue.ts).
   */
  generated?: boolean
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
    swaps: {
      type: 'object',
      // A word in lower case (terms are looked up so), each substitute with a word in it.
      propertyNames: {pattern: '^[^\\sA-Z-]+$'},
      additionalProperties: {type: 'array', minItems: 1, items: {type: 'string', pattern: '\\S'}}
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'confidence', 'evidence'],
        additionalProperties: false,
        anyOf: [{required: ['spun', 'original']}, {required: ['forms']}, {required: ['terms']}],
        properties: {
          id: {type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$'},
          spun: {type: 'string', minLength: 1},
          original: alternatives,
          forms: {type: 'object', minProperties: 1, additionalProperties: alternatives},
          terms: {...list, minItems: 1},
          minSwaps: {type: 'integer', minimum: 1, maximum: 4},
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

/**
 * What the cache keeps of a phrase file: its rules, validated against this
 * schema, each once with its forms (`layout` 2). A rule's note, examples
 * and conditions are shared by all its forms, and repeating them per form
 * made the catalogue's entries four times larger, to be parsed at every start.
 */
const CACHED_AS = {rules: phraseFileSchema, layout: 2}

/** A rule as cached: its fields once, then each spun form with its proposals and token shape. */
interface CompactRule extends Omit<PhraseRule, 'spun' | 'original' | 'shape' | 'accept' | 'locate'> {
  forms: Array<[spun: string, original: string[], shape: PhraseShape]>
}

export function loadPhraseFile(path: string): PhraseRule[] {
  return expand(cached(path, () => compact(readYamlFile<PhraseFileData>(path, phraseFileSchema, {cache: false}), path), CACHED_AS))
}

export function parsePhraseFile(text: string, path: string): PhraseRule[] {
  return expand(compact(parseYaml<PhraseFileData>(text, path, phraseFileSchema), path))
}

function compact(loaded: LoadedYaml<PhraseFileData>, path: string): CompactRule[] {
  const {data} = loaded
  const rules: CompactRule[] = []
  const seen = new Set<string>()
  data.rules.forEach((rule, index) => {
    const line = loaded.lineOf(['rules', index])
    if (seen.has(rule.id)) throw new ConfigError(path, line, `duplicate rule id \`${rule.id}\``)
    if (rule.terms && (rule.forms || rule.spun !== undefined)) throw new ConfigError(path, line, `rule \`${rule.id}\` has both terms and forms: give each its own rule`)
    seen.add(rule.id)
    const forms: Array<[string, string | string[]]> = rule.forms
      ? Object.entries(rule.forms)
      : rule.spun !== undefined
        ? [[rule.spun, rule.original!]]
        : []
    if (rule.minSwaps !== undefined && !rule.terms) throw new ConfigError(path, line, `rule \`${rule.id}\` has minSwaps but no terms`)
    const made = new Set<string>()
    for (const term of rule.terms ?? []) {
      const generated = termForms(term, data.swaps ?? {}, rule.minSwaps ?? 1)
      if (generated.length === 0) throw new ConfigError(path, line, `rule \`${rule.id}\`: term \`${term}\` has no form with ${rule.minSwaps ?? 1} of its words in \`swaps\``)
      if (generated.length > MAX_TERM_FORMS) throw new ConfigError(path, line, `rule \`${rule.id}\`: term \`${term}\` makes ${generated.length} forms (at most ${MAX_TERM_FORMS})`)
      for (const form of generated) {
        // A form two terms of the rule make (a term listed in two cases) once.
        if (made.has(form.toLowerCase())) continue
        made.add(form.toLowerCase())
        forms.push([form, term])
      }
    }
    rules.push({
      id: rule.id,
      family: data.family,
      confidence: rule.confidence,
      evidence: rule.evidence,
      when: rule.when,
      contexts: rule.contexts,
      note: rule.note?.trim(),
      url: rule.url ?? data.url,
      examples: {match: rule.examples?.match ?? [], pass: rule.examples?.pass ?? []},
      origin: `${path}:${line ?? 1}`,
      generated: rule.terms ? true : undefined,
      forms: forms.map(([spun, original]) => {
        if (spun.trim() === '') throw new ConfigError(path, line, `rule \`${rule.id}\` has an empty spun form`)
        const alternatives = (Array.isArray(original) ? original : [original]).map((value) => value.trim())
        return [spun.trim(), alternatives, phraseShape(spun.trim())]
      })
    })
  })
  return rules
}

/** More forms than this from one term means a swap list too long to have been read form by form. */
const MAX_TERM_FORMS = 64

/**
 * The spun forms of a term: every version with at least `minSwaps` of its
 * words replaced by what `swaps` lists for them (looked up in lower case),
 * the others kept. Paraphrasing tools swap each word of a technical term
 * for a thesaurus entry on its own ("neural network" -> "neural
 * organization", "brain network", "brain organization"), so a term and
 * the swaps of its words stand for all of its tortured versions, including
 * ones no list has seen yet. `minSwaps: 2` is for terms where one swapped
 * word alone is ordinary English ("remote network"; "remote organize" is not).
 */
export function termForms(term: string, swaps: Readonly<Record<string, readonly string[]>>, minSwaps = 1): string[] {
  // Words and what joins them: spaces, or the hyphens of "signal-to-noise", kept as written.
  const parts = term.trim().split(/(\s+|-)/)
  let versions: Array<{parts: string[]; swapped: number}> = [{parts: [], swapped: 0}]
  parts.forEach((part, index) => {
    const joiner = index % 2 === 1
    const key = part.toLowerCase()
    // Own entries only: a term's word may be "constructor".
    const options = joiner || !Object.hasOwn(swaps, key) ? [] : swaps[key]!.map((option) => option.trim()).filter((option) => option.toLowerCase() !== key)
    versions = versions.flatMap((version) => [
      {parts: [...version.parts, part], swapped: version.swapped},
      ...options.map((option) => ({parts: [...version.parts, option], swapped: version.swapped + 1}))
    ])
  })
  const forms = new Map<string, string>()
  for (const version of versions) {
    if (version.swapped < minSwaps) continue
    const form = version.parts.join('')
    if (!forms.has(form.toLowerCase())) forms.set(form.toLowerCase(), form)
  }
  return [...forms.values()]
}

/** One rule per spun form, as the matcher takes them. */
function expand(compacted: CompactRule[]): PhraseRule[] {
  // In the start-up snapshot, small objects that read packed text (see `RuleData`).
  if (v8.startupSnapshot.isBuildingSnapshot()) return formRules(new RuleData(compacted), compacted)
  const rules: PhraseRule[] = []
  for (const {forms, ...rule} of compacted) {
    for (const [spun, original, shape] of forms) {
      rules.push({
        id: rule.id,
        family: rule.family,
        spun,
        original,
        confidence: rule.confidence,
        evidence: rule.evidence,
        when: rule.when,
        contexts: rule.contexts,
        note: rule.note,
        url: rule.url,
        examples: rule.examples,
        origin: rule.origin,
        generated: rule.generated,
        shape
      })
    }
  }
  return rules
}

function formRules(data: RuleData, compacted: readonly CompactRule[]): PhraseRule[] {
  const rules: PhraseRule[] = []
  compacted.forEach((rule, index) => {
    for (let form = 0; form < rule.forms.length; form++) rules.push(new FormRule(data, index, form))
  })
  return rules
}

/** `parsePhraseFile`, its rules packed as the start-up snapshot holds them: for tests of `RuleData`. */
export function parsePackedPhraseFile(text: string, path: string): PhraseRule[] {
  const compacted = compact(parseYaml<PhraseFileData>(text, path, phraseFileSchema), path)
  const data = new RuleData(compacted)
  data.pack()
  return formRules(data, compacted)
}

/**
 * A rule file's rules as cached, in the CLI's start-up snapshot: while it
 * is made, `packRuleData` turns each rule back into JSON text, parsed again
 * in a run when its fields are first read (by the matcher compiling one of
 * its forms, mostly; `--fingerprints` reads them all). A string costs V8
 * next to nothing to load from the snapshot, where the catalogue's rules as
 * objects (a dozen objects for each of 14,000 forms) cost about 45 ms of
 * every start, and a check of 3 MB of news compiles about 1,850 forms.
 * What only a message reads (the note, the URL, the origin) and the
 * examples, which only the tests read, are a second text: a rule whose
 * forms are compiled but never match is not parsed for them. Each form is
 * a text of its own as well: a rule's forms were two fifths of the text a
 * check of 3 MB of news parsed (1.7 MB for 1,468 rules).
 */
class RuleData {
  private readonly rules: Array<RuleCore | string>
  private readonly extras: Array<RuleExtra | string | undefined>
  /** Each rule's forms, a text each once packed: compiling one form parses only it. */
  private readonly forms: Array<Array<CompactForm | string>>

  constructor(rules: readonly CompactRule[]) {
    // A copy: `pack` and `rule` replace its entries. A rule's forms are replaced whole by `pack`.
    this.rules = rules.slice()
    this.extras = []
    this.forms = rules.map((rule) => rule.forms)
    if (v8.startupSnapshot.isBuildingSnapshot()) packable.push(this)
  }

  rule(index: number): RuleCore {
    const rule = this.rules[index]!
    if (typeof rule !== 'string') return rule
    const parsed = JSON.parse(rule) as RuleCore
    this.rules[index] = parsed
    return parsed
  }

  form(index: number, form: number): CompactForm {
    const forms = this.forms[index]!
    const found = forms[form]!
    if (typeof found !== 'string') return found
    const parsed = JSON.parse(found) as CompactForm
    forms[form] = parsed
    return parsed
  }

  extra(index: number): RuleExtra {
    const extra = this.extras[index]
    if (extra === undefined) return this.rule(index) as CompactRule
    if (typeof extra !== 'string') return extra
    const parsed = JSON.parse(extra) as RuleExtra
    this.extras[index] = parsed
    return parsed
  }

  pack(): void {
    this.rules.forEach((rule, index) => {
      if (typeof rule === 'string') return
      // Forms apart: the forms of rules with many (a term's swapped versions, a list of
      // spellings) were two fifths of the text parsed to compile the forms a check needs.
      const {note, url, examples, origin, forms, ...core} = rule as CompactRule
      this.rules[index] = flat(JSON.stringify(core))
      this.extras[index] = flat(JSON.stringify({note, url, examples, origin} satisfies RuleExtra))
      this.forms[index] = forms.map((form) => flat(JSON.stringify(form)))
    })
  }
}

type CompactForm = CompactRule['forms'][number]
/** A rule without its forms, its note, URL, examples and origin. */
type RuleCore = Omit<CompactRule, 'forms' | keyof RuleExtra>
type RuleExtra = Pick<CompactRule, 'note' | 'url' | 'examples' | 'origin'>

/**
 * The same text as one flat string. V8 builds `JSON.stringify`'s result as
 * a chain of joined pieces (a cons string of four or five parts for a
 * rule), and the snapshot keeps each piece as an object of its own: about
 * 50,000 of the 170,000 objects every start deserialises. Decoding the
 * bytes again makes one.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

const packable: RuleData[] = []

/** Turn every rule file loaded so far back into text (see `RuleData`): for the start-up snapshot only. */
export function packRuleData(): void {
  for (const data of packable.splice(0)) data.pack()
}

/**
 * One spun form of a cached rule, as the start-up snapshot holds it. Its
 * fields are getters, so a spread or `JSON.stringify` of it sees nothing:
 * only the CLI's own process has these; the library's `loadCatalogue`
 * gives plain objects.
 */
class FormRule implements PhraseRule {
  readonly #data: RuleData
  readonly #rule: number
  readonly #form: number

  constructor(data: RuleData, rule: number, form: number) {
    this.#data = data
    this.#rule = rule
    this.#form = form
  }

  get id() {
    return this.#data.rule(this.#rule).id
  }
  get family() {
    return this.#data.rule(this.#rule).family
  }
  get spun() {
    return this.#data.form(this.#rule, this.#form)[0]
  }
  get original() {
    return this.#data.form(this.#rule, this.#form)[1]
  }
  get shape() {
    return this.#data.form(this.#rule, this.#form)[2]
  }
  get confidence() {
    return this.#data.rule(this.#rule).confidence
  }
  get evidence() {
    return this.#data.rule(this.#rule).evidence
  }
  get when() {
    return this.#data.rule(this.#rule).when
  }
  get contexts() {
    return this.#data.rule(this.#rule).contexts
  }
  get note() {
    return this.#data.extra(this.#rule).note
  }
  get url() {
    return this.#data.extra(this.#rule).url
  }
  get examples() {
    return this.#data.extra(this.#rule).examples
  }
  get origin() {
    return this.#data.extra(this.#rule).origin
  }
  get generated() {
    return this.#data.rule(this.#rule).generated
  }
}
