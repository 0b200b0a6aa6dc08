/**
 * Keyword lists for page furniture (`rules/boilerplate.yml` and user files of
 * the same shape), validated when loaded and compiled so that judging a line
 * costs one map lookup plus one regular expression per list, however long
 * the lists grow.
 */
import path from 'node:path'
import {RULES_DIR} from '../rules/catalogue.js'
import {ConfigError, readYamlFile} from '../rules/yaml.js'

export interface KeywordListData {
  id: string
  /** What the message calls such a line: "Unexpected ad label `…`". */
  label: string
  confidence: number
  inBody?: number
  maxWords?: number
  lines?: string[]
  prefixes?: string[]
  contains?: string[]
  patterns?: string[]
  note?: string
  examples?: {match?: string[]; pass?: string[]}
}

export interface KeywordFileData {
  family: 'boilerplate'
  description?: string
  lists: KeywordListData[]
}

export interface KeywordList {
  id: string
  label: string
  confidence: number
  inBody: number
  maxWords: number
  note?: string
  examples: {match: string[]; pass: string[]}
  /** `file:line`, for messages about the list itself. */
  origin: string
}

export interface KeywordHit {
  list: KeywordList
  /** How the line matched: exact line, prefix, phrase, or pattern. */
  how: 'line' | 'prefix' | 'contains' | 'pattern'
}

const SCHEMA = {
  type: 'object',
  required: ['family', 'lists'],
  additionalProperties: false,
  properties: {
    family: {const: 'boilerplate'},
    description: {type: 'string'},
    lists: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'confidence'],
        additionalProperties: false,
        properties: {
          id: {type: 'string', pattern: '^[a-z][a-z0-9-]*$'},
          label: {type: 'string', minLength: 1},
          confidence: {type: 'number', minimum: 0, maximum: 1},
          inBody: {type: 'number', minimum: 0, maximum: 1},
          maxWords: {type: 'integer', minimum: 1},
          lines: {type: 'array', items: {type: 'string', minLength: 1}},
          prefixes: {type: 'array', items: {type: 'string', minLength: 1}},
          contains: {type: 'array', items: {type: 'string', minLength: 1}},
          patterns: {type: 'array', items: {type: 'string', minLength: 1}},
          note: {type: 'string'},
          examples: {
            type: 'object',
            additionalProperties: false,
            properties: {
              match: {type: 'array', items: {type: 'string'}},
              pass: {type: 'array', items: {type: 'string'}}
            }
          }
        }
      }
    }
  }
} as const

export const BUILTIN_FILE = path.join(RULES_DIR, 'boilerplate.yml')

interface CompiledList {
  list: KeywordList
  contains?: RegExp
  patterns?: RegExp
}

/** Lists compiled for matching. */
export class Keywords {
  readonly lists: KeywordList[] = []
  private readonly exact = new Map<string, KeywordList>()
  /** Prefixes bucketed by their first word. */
  private readonly prefixes = new Map<string, Array<{prefix: string; list: KeywordList}>>()
  private readonly compiled: CompiledList[] = []

  add(data: KeywordFileData, file: string, lineOf: (at: Array<string | number>) => number | undefined) {
    data.lists.forEach((item, index) => {
      const origin = `${file}:${lineOf(['lists', index]) ?? 1}`
      const list: KeywordList = {
        id: item.id,
        label: item.label,
        confidence: item.confidence,
        inBody: item.inBody ?? item.confidence,
        maxWords: item.maxWords ?? 12,
        note: item.note,
        examples: {match: item.examples?.match ?? [], pass: item.examples?.pass ?? []},
        origin
      }
      this.lists.push(list)
      for (const line of item.lines ?? []) this.exact.set(trimLine(fold(line)), list)
      for (const prefix of item.prefixes ?? []) {
        const folded = fold(prefix)
        const first = folded.split(' ')[0]!.replace(/[^\p{L}\p{N}]+$/u, '')
        const bucket = this.prefixes.get(first) ?? []
        bucket.push({prefix: folded, list})
        this.prefixes.set(first, bucket)
      }
      const entry: CompiledList = {list}
      if (item.contains && item.contains.length > 0) {
        const alternatives = item.contains.map((phrase) => escape(fold(phrase))).join('|')
        entry.contains = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'u')
      }
      if (item.patterns && item.patterns.length > 0) {
        item.patterns.forEach((pattern, at) => {
          try {
            new RegExp(pattern, 'iu')
          } catch (error) {
            throw new ConfigError(file, lineOf(['lists', index, 'patterns', at]), `invalid pattern: ${(error as Error).message}`)
          }
        })
        entry.patterns = new RegExp(item.patterns.map((pattern) => `(?:${pattern})`).join('|'), 'iu')
      }
      if (entry.contains || entry.patterns) this.compiled.push(entry)
    })
  }

  /** The first list a line belongs to, if any. `text` is the line as written. */
  match(text: string, words: number): KeywordHit | undefined {
    const folded = fold(text)
    if (folded.length === 0) return undefined
    const trimmed = trimLine(folded)
    const exact = this.exact.get(trimmed)
    if (exact && words <= exact.maxWords) return {list: exact, how: 'line'}
    const first = trimmed.split(' ', 1)[0]!.replace(/[^\p{L}\p{N}]+$/u, '')
    for (const {prefix, list} of this.prefixes.get(first) ?? []) {
      if (words > list.maxWords) continue
      if (trimmed.startsWith(prefix) || folded.startsWith(prefix)) {
        const after = (trimmed.startsWith(prefix) ? trimmed : folded).charAt(prefix.length)
        // Whole words only: "related:" yes, "relatedness" no.
        if (after === '' || /[^\p{L}\p{N}]/u.test(after) || /[^\p{L}\p{N}]$/u.test(prefix)) return {list, how: 'prefix'}
      }
    }
    for (const entry of this.compiled) {
      if (words > entry.list.maxWords) continue
      if (entry.contains && entry.contains.test(folded)) return {list: entry.list, how: 'contains'}
      if (entry.patterns && entry.patterns.test(text.trim())) return {list: entry.list, how: 'pattern'}
    }
    return undefined
  }
}

/** Lower case, ’ as ', white space folded. */
export function fold(value: string): string {
  return value.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
}

/** Punctuation and symbols at either end do not change what a line is ("— Advertisement —"). */
function trimLine(value: string): string {
  return value.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const cache = new Map<string, Keywords>()

/**
 * The built-in lists plus user files (`--rules`) whose `family` is
 * `boilerplate`. Loaded once per set of files.
 */
export function loadKeywords(files: readonly string[] = [], builtin = true): Keywords {
  const all = [...(builtin ? [BUILTIN_FILE] : []), ...files.map((file) => path.resolve(file))]
  const key = all.join('\0')
  const cached = cache.get(key)
  if (cached) return cached
  const keywords = new Keywords()
  for (const file of all) {
    const loaded = readYamlFile<KeywordFileData>(file, SCHEMA)
    keywords.add(loaded.data, file, loaded.lineOf)
  }
  cache.set(key, keywords)
  return keywords
}
