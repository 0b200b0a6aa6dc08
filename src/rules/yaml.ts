/**
 * Load a YAML data file and validate it against a JSON schema, reporting the
 * first problem as `FILE:LINE: what is wrong` so a broken rule file is fixed
 * in one look.
 */
import fs from 'node:fs'
import {lazy} from '../core/lazy.js'
import type * as YamlModule from 'yaml'
import type {Document, LineCounter} from 'yaml'
import {InputError, describeFsError} from '../core/io.js'
import {validator, type ErrorObject} from '../core/schema.js'
import {cached} from './cache.js'

/** The YAML parser, loaded when a file is not in the cache (most runs read none). */
export const yaml = lazy((require) => require('yaml') as typeof YamlModule)

/**
 * An invalid configuration or rule file; the CLI prints it as one line, exit
 * 2. Its message names the file and line (`FILE:LINE: what is wrong`), so a
 * library caller who only prints `error.message` can find the problem too.
 */
export class ConfigError extends InputError {
  /** The file, as it was given. */
  readonly file: string
  readonly line: number | undefined
  /** What is wrong, without the place. */
  readonly reason: string
  constructor(path: string, line: number | undefined, message: string) {
    super(line === undefined ? path : `${path}:${line}`, message)
    this.name = 'ConfigError'
    this.file = path
    this.line = line
    this.reason = message
    this.message = `${this.path}: ${message}`
  }

  override toString(): string {
    return this.message
  }
}

export interface LoadedYaml<T> {
  data: T
  /** Line (1-based) of the node at a JSON pointer-like path, for messages about items. */
  lineOf(path: Array<string | number>): number | undefined
}

/**
 * Read, parse and validate a YAML file. What a valid file holds (and the
 * line of each of its nodes, for messages about items) is cached by path,
 * size and modification time; pass `cache: false` where the caller caches
 * what it makes of the data instead.
 */
export function readYamlFile<T>(path: string, schema: object, options: {cache?: boolean} = {}): LoadedYaml<T> {
  const read = (): Stored<T> => {
    let text: string
    try {
      text = fs.readFileSync(path, 'utf8')
    } catch (error) {
      throw new ConfigError(path, undefined, describeFsError(error))
    }
    return parseStored<T>(text, path, schema)
  }
  return loaded(options.cache === false ? read() : cached(path, read, schema))
}

export function parseYaml<T>(text: string, path: string, schema: object): LoadedYaml<T> {
  return loaded(parseStored<T>(text, path, schema))
}

function parseStored<T>(text: string, path: string, schema: object): Stored<T> {
  const {data, document, counter} = parseChecked<T>(text, path, schema)
  return {data, lines: lineTable(document, counter)}
}

/** `lineOf` answers from the table: the node at the path, else its nearest ancestor. */
function loaded<T>(stored: Stored<T>): LoadedYaml<T> {
  return {
    data: stored.data,
    lineOf(at) {
      for (let length = at.length; length >= 0; length--) {
        const key = at.slice(0, length).join(PATH_SEPARATOR)
        if (Object.hasOwn(stored.lines, key)) return stored.lines[key]
      }
      return undefined
    }
  }
}

interface Stored<T> {
  data: T
  /** Line of every node, by its path joined with PATH_SEPARATOR. */
  lines: Record<string, number>
}

const PATH_SEPARATOR = '\u0000'

function parseChecked<T>(text: string, path: string, schema: object): {data: T; document: Document; counter: LineCounter} {
  const {LineCounter, parseDocument} = yaml()
  const counter = new LineCounter()
  const document = parseDocument(text, {lineCounter: counter, prettyErrors: false, uniqueKeys: true})
  const problem = document.errors[0]
  if (problem) {
    const line = counter.linePos(problem.pos[0]).line
    throw new ConfigError(path, line, problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''))
  }
  const data = document.toJS() as unknown
  const validate = validator(schema)
  if (!validate(data)) {
    const error = validate.errors![0]!
    throw new ConfigError(path, lineOfError(document, counter, error), describe(error))
  }
  return {data: data as T, document, counter}
}

function lineTable(document: Document, counter: LineCounter): Record<string, number> {
  const {isMap, isNode, isScalar, isSeq} = yaml()
  const table: Record<string, number> = {}
  const walk = (node: unknown, path: Array<string | number>) => {
    if (!isNode(node)) return
    if (node.range) table[path.join(PATH_SEPARATOR)] = counter.linePos(node.range[0]).line
    if (isMap(node)) {
      for (const pair of node.items) walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)])
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]))
    }
  }
  walk(document.contents, [])
  return table
}

function lineOfError(document: Document, counter: LineCounter, error: ErrorObject): number | undefined {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')))
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as {additionalProperty: string}).additionalProperty
    return lineAt(document, counter, [...path, key], true) ?? lineAt(document, counter, path)
  }
  return lineAt(document, counter, path)
}

function lineAt(document: Document, counter: LineCounter, path: Array<string | number>, key = false): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const parentPath = path.slice(0, length)
    if (key && length === path.length) {
      // Point at the key itself for unknown properties.
      const parent = document.getIn(path.slice(0, -1), true)
      if (parent && typeof parent === 'object' && 'items' in parent) {
        for (const pair of (parent as {items: Array<{key: unknown}>}).items) {
          const k = pair.key
          if (yaml().isNode(k) && String((k as {value?: unknown}).value) === String(path[path.length - 1]) && k.range) {
            return counter.linePos(k.range[0]).line
          }
        }
      }
      continue
    }
    const node = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true)
    if (yaml().isNode(node) && node.range) return counter.linePos(node.range[0]).line
  }
  return undefined
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `\`${error.instancePath.slice(1).replace(/\//g, '.')}\` ` : ''
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}has unknown field \`${(error.params as {additionalProperty: string}).additionalProperty}\``.trim()
    case 'required':
      return `${where}is missing \`${(error.params as {missingProperty: string}).missingProperty}\``.trim()
    case 'enum':
      return `${where}must be one of ${(error.params as {allowedValues: unknown[]}).allowedValues.map((v) => `\`${String(v)}\``).join(', ')}`
    default:
      return `${where}${error.message ?? 'is invalid'}`
  }
}
