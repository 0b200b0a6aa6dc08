/**
 * Cross-language forms of given names (Sviatlana ~ Svetlana, Aliaksandr ~
 * Aleksandr ~ Alexander ~ Oleksandr), kept as data in
 * `rules/given-names.yml`. These forms are not spelling variants: Svetlana
 * Alexievich and Sviatlana Tsikhanouskaya are both right as written, so the
 * lexicon only ties given names that belong to one person (same surname).
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {readYamlFile} from '../rules/yaml.js'
import {ConfigError} from '../rules/yaml.js'
import {foldCached} from './compare.js'
import {fold} from './fold.js'

export interface GivenNameFile {
  description?: string
  groups: Array<{forms: string[]; note?: string}>
}

export const givenNameSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['groups'],
  properties: {
    description: {type: 'string'},
    groups: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['forms'],
        properties: {
          forms: {type: 'array', minItems: 2, items: {type: 'string', minLength: 2}},
          note: {type: 'string'}
        }
      }
    }
  }
} as const

export interface Lexicon {
  /** Group ids of a given name (by its folded spelling); empty when unknown. */
  groups(token: string): readonly number[]
  /** Both tokens are forms of one given name. */
  same(a: string, b: string): boolean
  /** The token is a known given name. */
  has(token: string): boolean
}

export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules')
export const DEFAULT_GIVEN_NAMES = path.join(RULES_DIR, 'given-names.yml')

const cache = new Map<string, Lexicon>()

export function loadLexicon(file: string = DEFAULT_GIVEN_NAMES): Lexicon {
  let found = cache.get(file)
  if (!found) {
    const loaded = readYamlFile<GivenNameFile>(file, givenNameSchema)
    loaded.data.groups.forEach((group, index) => {
      const seen = new Set<string>()
      for (const form of group.forms) {
        if (seen.has(form)) throw new ConfigError(file, loaded.lineOf(['groups', index, 'forms']), `form \`${form}\` is listed twice`)
        seen.add(form)
      }
    })
    found = createLexicon(loaded.data.groups.map((group) => group.forms))
    cache.set(file, found)
  }
  return found
}

export function createLexicon(groups: ReadonlyArray<readonly string[]>): Lexicon {
  const index = new Map<string, number[]>()
  groups.forEach((forms, id) => {
    for (const form of forms) {
      const key = fold(form)
      const list = index.get(key) ?? []
      if (!list.includes(id)) list.push(id)
      index.set(key, list)
    }
  })
  const groupsOf = (token: string) => index.get(foldCached(token)) ?? []
  return {
    groups: groupsOf,
    has: (token) => groupsOf(token).length > 0,
    same(a, b) {
      const left = groupsOf(a)
      if (left.length === 0) return false
      const right = groupsOf(b)
      return left.some((id) => right.includes(id))
    }
  }
}
