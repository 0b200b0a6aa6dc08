/**
 * Load a YAML data file and validate it against a JSON schema, reporting the
 * first problem as `FILE:LINE: what is wrong` so a broken rule file is fixed
 * in one look.
 */
import fs from 'node:fs'
import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'
import {LineCounter, parseDocument, isNode, type Document} from 'yaml'
import {InputError, describeFsError} from '../core/io.js'

const ajv = new Ajv({allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true})
const compiled = new WeakMap<object, ValidateFunction>()

/** An invalid configuration or rule file; the CLI prints it as one line, exit 2. */
export class ConfigError extends InputError {
  constructor(path: string, line: number | undefined, message: string) {
    super(line === undefined ? path : `${path}:${line}`, message)
    this.name = 'ConfigError'
  }
}

export interface LoadedYaml<T> {
  data: T
  /** Line (1-based) of the node at a JSON pointer-like path, for messages about items. */
  lineOf(path: Array<string | number>): number | undefined
}

export function readYamlFile<T>(path: string, schema: object): LoadedYaml<T> {
  let text: string
  try {
    text = fs.readFileSync(path, 'utf8')
  } catch (error) {
    throw new ConfigError(path, undefined, describeFsError(error))
  }
  return parseYaml<T>(text, path, schema)
}

export function parseYaml<T>(text: string, path: string, schema: object): LoadedYaml<T> {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const problem = document.errors[0]
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line
    throw new ConfigError(path, line, problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''))
  }
  const data = document.toJS() as unknown
  const validate = validator(schema)
  if (!validate(data)) {
    const error = validate.errors![0]!
    throw new ConfigError(path, lineOfError(document, lineCounter, error), describe(error))
  }
  return {
    data: data as T,
    lineOf(at) {
      return lineAt(document, lineCounter, at)
    }
  }
}

function validator(schema: object): ValidateFunction {
  let found = compiled.get(schema)
  if (!found) {
    found = ajv.compile(schema)
    compiled.set(schema, found)
  }
  return found
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
          if (isNode(k) && String((k as {value?: unknown}).value) === String(path[path.length - 1]) && k.range) {
            return counter.linePos(k.range[0]).line
          }
        }
      }
      continue
    }
    const node = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true)
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line
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
