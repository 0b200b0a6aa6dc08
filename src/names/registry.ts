/**
 * The house registry (`rules/names.yml`, `--names FILE`, `names:` in the
 * config): the canonical spelling of a person or place, with optional
 * variants the matcher cannot tie by itself (Kiev for Kyiv), forms the
 * house forbids, and a note shown with every finding.
 *
 *     names:
 *       - canonical: Sviatlana Tsikhanouskaya
 *       - canonical: Kyiv
 *         variants: [Kiev]
 */
import path from 'node:path'
import {ConfigError, readYamlFile} from '../rules/yaml.js'
import {RULES_DIR} from './lexicon.js'

export interface RegistryFile {
  description?: string
  names: Array<{canonical: string; kind?: 'person' | 'place'; variants?: string[]; forbidden?: string[]; note?: string; url?: string}>
}

export const registrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['names'],
  properties: {
    description: {type: 'string'},
    names: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['canonical'],
        properties: {
          canonical: {type: 'string', minLength: 2, pattern: '^\\p{Lu}'},
          kind: {enum: ['person', 'place']},
          variants: {type: 'array', items: {type: 'string', minLength: 2}},
          forbidden: {type: 'array', items: {type: 'string', minLength: 2}},
          note: {type: 'string'},
          url: {type: 'string'}
        }
      }
    }
  }
} as const

export interface RegistryEntry {
  canonical: string
  /** Canonical tokens: given name(s) then surname or place name. */
  tokens: string[]
  /** A place is never a person's surname (`kind: place`); unset, either. */
  kind?: 'person' | 'place'
  /** Listed variants and forbidden forms: tied to the entry whatever the matcher says. */
  variants: string[]
  forbidden: string[]
  note?: string
  url?: string
  /** Where it was defined, for messages. */
  source: string
}

export interface Registry {
  entries: RegistryEntry[]
}

export const DEFAULT_REGISTRY = path.join(RULES_DIR, 'names.yml')

const cache = new Map<string, Registry>()

export function loadRegistry(file: string = DEFAULT_REGISTRY): Registry {
  let found = cache.get(file)
  if (found) return found
  const loaded = readYamlFile<RegistryFile>(file, registrySchema)
  const seen = new Map<string, string>()
  const entries: RegistryEntry[] = loaded.data.names.map((item, index) => {
    const line = loaded.lineOf(['names', index])
    const source = `${file}:${line ?? '?'}`
    for (const form of [item.canonical, ...(item.variants ?? []), ...(item.forbidden ?? [])]) {
      const key = form.toLowerCase()
      const previous = seen.get(key)
      if (previous) throw new ConfigError(file, line, `\`${form}\` is already listed (${previous})`)
      seen.set(key, source)
    }
    const entry: RegistryEntry = {
      canonical: item.canonical,
      tokens: splitName(item.canonical),
      variants: item.variants ?? [],
      forbidden: item.forbidden ?? [],
      source
    }
    if (item.kind) entry.kind = item.kind
    if (item.note) entry.note = item.note
    if (item.url) entry.url = item.url
    return entry
  })
  found = {entries}
  cache.set(file, found)
  return found
}

export function emptyRegistry(): Registry {
  return {entries: []}
}

/** Name tokens, initials dropped; "Lukashenko, Alexander" is put in given-name-first order. */
export function splitName(value: string): string[] {
  const comma = value.indexOf(',')
  const ordered = comma > 0 ? `${value.slice(comma + 1)} ${value.slice(0, comma)}` : value
  return ordered
    .split(/\s+/u)
    .map((token) => token.replace(/^[("“'‘]+|[)"”'’.,;:]+$/gu, ''))
    .filter((token) => token.length > 1 || /^\p{L}$/u.test(token))
    .filter((token) => !/^\p{Lu}\.?$/u.test(token))
}
