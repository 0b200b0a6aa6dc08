/**
 * The rule catalogue: built-in files under `rules/` plus whatever the user
 * adds with `--rules` and `--fingerprints`. Loaded once a run, validated
 * on the way in.
 */
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadClasses, type Classes} from './classes.js'
import {loadPhraseFile, type PhraseRule} from './phrases.js'
import {phraseShape} from './matcher.js'
import {ConfigError, yaml} from './yaml.js'
import {cached} from './cache.js'
import {describeFsError} from '../core/io.js'
import {isFamily} from '../core/types.js'

/** `rules/` of the installed package (next to `dist/` and `src/`). */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url))

export interface Catalogue {
  classes: Classes
  /** Phrase rules by family (`spin`, `mt`). */
  phrases: Map<string, PhraseRule[]>
  /** Every file loaded, in order, for `--verbose` and tests. */
  files: string[]
}

export interface CatalogueOptions {
  /** Extra rule files (`--rules`), loaded after the built-in ones. */
  rules?: string[]
  /** Skip the built-in rules (tests, or users who bring a whole catalogue). */
  builtin?: boolean
}

const cache = new Map<string, Catalogue>()

export function loadCatalogue(options: CatalogueOptions = {}): Catalogue {
  const builtin = options.builtin ?? true
  const extra = (options.rules ?? []).map((file) => path.resolve(file))
  const cacheKey = JSON.stringify([builtin, extra])
  const cached = cache.get(cacheKey)
  if (cached) return cached

  const catalogue: Catalogue = {
    classes: loadClasses(path.join(RULES_DIR, 'classes.yml')),
    phrases: new Map(),
    files: []
  }
  if (builtin) {
    const own = builtinPhrases()
    for (const [family, rules] of own.phrases) catalogue.phrases.set(family, rules.slice())
    catalogue.files.push(...own.files)
  }
  for (const file of extra) {
    const family = familyOf(file)
    // A user's file must be one that some plugin reads, or its rules would never run.
    checkUserFamily(file, family)
    if (family !== 'spin' && family !== 'mt') {
      // Other families (names, boilerplate) read their own files; a user file of those is theirs.
      continue
    }
    const rules = loadPhraseFile(file)
    const list = catalogue.phrases.get(family) ?? []
    for (const rule of rules) list.push(rule)
    catalogue.phrases.set(family, list)
    catalogue.files.push(file)
  }
  cache.set(cacheKey, catalogue)
  return catalogue
}

let builtinCache: Pick<Catalogue, 'phrases' | 'files'> | undefined

/**
 * The built-in phrase files' rules, once a process. A form generated from a
 * rule's `terms` gives way to a written built-in rule with the same form:
 * that rule was written for the form in its contexts, and the generated
 * one, which has no conditions, would make them moot. Other forms of the
 * same term stay: a written rule for "deep studying" says nothing about
 * "deep getting to know".
 */
function builtinPhrases(): Pick<Catalogue, 'phrases' | 'files'> {
  if (builtinCache) return builtinCache
  const phrases = new Map<string, PhraseRule[]>()
  const files: string[] = []
  for (const file of phraseFiles(RULES_DIR)) {
    const family = familyOf(file)
    if (family !== 'spin' && family !== 'mt') continue
    const list = phrases.get(family) ?? []
    for (const rule of loadPhraseFile(file)) list.push(rule)
    phrases.set(family, list)
    files.push(file)
  }
  for (const [family, rules] of phrases) {
    const generated = rules.filter((rule) => rule.generated)
    if (generated.length === 0) continue
    // The generated forms' first words (a few hundred), so that of the
    // written rules (thousands) most are passed over by their first word.
    const firstWords = new Set(generated.map((rule) => formKeys(rule)[0]))
    const written = new Set<string>()
    for (const rule of rules) {
      if (!rule.generated && firstWords.has(formKeys(rule)[0])) written.add(formKeys(rule).join(' '))
    }
    phrases.set(
      family,
      rules.filter((rule) => !rule.generated || !written.has(formKeys(rule).join(' ')))
    )
  }
  builtinCache = {phrases, files}
  return builtinCache
}

/** A form's words as the matcher compares them. */
function formKeys(rule: PhraseRule): readonly string[] {
  return (rule.shape ?? phraseShape(rule.spun)).keys
}

/** Families a `--rules` file can be for: phrase rules (spin, mt) and keyword lists (boilerplate). */
export const RULE_FILE_FAMILIES = ['spin', 'mt', 'boilerplate'] as const

function checkUserFamily(file: string, family: string | undefined): void {
  if (family !== undefined && (RULE_FILE_FAMILIES as readonly string[]).includes(family)) return
  const expected = `expected ${RULE_FILE_FAMILIES.slice(0, -1).join(', ')} or ${RULE_FILE_FAMILIES.at(-1)}`
  if (family === undefined) throw new ConfigError(file, 1, `is missing \`family\` (which plugin the rules are for: ${expected.slice(9)})`)
  const line = familyLine(file)
  if (!isFamily(family)) throw new ConfigError(file, line, `unknown family \`${family}\` (${expected})`)
  const instead = family === 'names' ? '; a name registry is given with --names' : ''
  throw new ConfigError(file, line, `family \`${family}\` has no rule files (${expected}${instead})`)
}

/** Line of the `family:` key of a rule file (1 when it cannot be told). */
function familyLine(file: string): number {
  const text = fs.readFileSync(file, 'utf8')
  const match = /^[ \t{]*["']?family["']?[ \t]*:/m.exec(text)
  return match ? text.slice(0, match.index).split('\n').length : 1
}

/** Every YAML file under a folder, sorted, so loading order is stable. */
function phraseFiles(folder: string): string[] {
  const found: string[] = []
  for (const entry of fs.readdirSync(folder, {withFileTypes: true, recursive: true})) {
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      found.push(path.join(entry.parentPath ?? (entry as unknown as {path: string}).path, entry.name))
    }
  }
  return found.sort()
}

/** The `family:` of a rule file, read cheaply before full validation. */
export function familyOf(file: string): string | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(file, undefined, describeFsError(error))
  }
  const match = /^family:\s*["']?([\w-]+)/m.exec(text)
  if (match) return match[1]
  // Written some other way, or not there (the names and class files): ask the parser, once per version of the file.
  return cached(file, () => {
    try {
      const data = yaml().parse(text) as {family?: unknown} | null
      return typeof data?.family === 'string' ? data.family : null
    } catch {
      return null
    }
  }, 'family') ?? undefined
}
