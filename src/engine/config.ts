/**
 * Configuration: `unspin.config.{json,yml,yaml}` or an `unspin` key in
 * package.json, found from the working directory up. Command-line options
 * override it. Paths in a config file are relative to that file.
 */
import fs from 'node:fs'
import path from 'node:path'
import {ConfigError, parseYaml} from '../rules/yaml.js'
import {describeFsError} from '../core/io.js'
import {ROMANISATIONS} from '../names/prefer.js'
import {FAMILIES} from '../core/types.js'

export interface Config {
  /** Report only messages at or above this confidence (default 0.5; `fix` defaults to 0.9). */
  minConfidence?: number
  /** Confidence at or above which `fix` applies a proposal (default 0.9). */
  fixConfidence?: number
  only?: string[]
  disable?: string[]
  /** Extra rule files. */
  rules?: string[]
  /** External fingerprint lists (PPS CSV or JSON). */
  fingerprints?: string[]
  /** House name registry (default: rules/names.yml). */
  names?: string
  /** Family-specific settings, passed to the family's plugin as they are. */
  settings?: Record<string, Record<string, unknown>>
  /** Where this configuration came from, for messages. */
  origin?: string
}

const stringList = {type: 'array', items: {type: 'string'}}
/** Family names are checked here, so that a wrong one is reported at its line of the file. */
const familyList = {type: 'array', items: {type: 'string', enum: [...FAMILIES]}}

export const configSchema = {
  // An empty file is an empty configuration.
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    minConfidence: {type: 'number', minimum: 0, maximum: 1},
    fixConfidence: {type: 'number', minimum: 0, maximum: 1},
    only: familyList,
    disable: familyList,
    rules: stringList,
    fingerprints: stringList,
    names: {type: 'string'},
    settings: {
      type: 'object',
      additionalProperties: {type: 'object'},
      properties: {
        names: {
          type: 'object',
          additionalProperties: false,
          properties: {prefer: {type: 'string', enum: [...ROMANISATIONS]}}
        }
      }
    }
  }
} as const

const NAMES = ['unspin.config.json', 'unspin.config.yml', 'unspin.config.yaml']

/** Find and load the nearest configuration, or an explicit `--config FILE`. */
export function loadConfig(explicit: string | undefined, cwd: string = process.cwd()): Config {
  // Messages name an explicit file as it was given; a found one by where it was found.
  if (explicit) return readConfig(path.resolve(cwd, explicit), explicit)
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    for (const name of NAMES) {
      const candidate = path.join(folder, name)
      if (fs.existsSync(candidate)) return readConfig(candidate)
    }
    const manifest = path.join(folder, 'package.json')
    if (fs.existsSync(manifest)) {
      const config = readPackageConfig(manifest)
      if (config) return config
    }
    if (path.dirname(folder) === folder) return {}
  }
}

function readConfig(file: string, shown = file): Config {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(shown, undefined, describeFsError(error))
  }
  if (path.basename(file) === 'package.json') {
    return readPackageConfig(file, shown) ?? {origin: file}
  }
  text = text.replace(/^\uFEFF/, '')
  // A JSON file is held to JSON (and told so when it is broken), then
  // validated like YAML, which is a superset of JSON: one parser gives the
  // line of a wrong value in both.
  if (/\.json$/i.test(file)) parseJson(text, shown)
  const {data} = parseYaml<Config | null>(text, shown, configSchema)
  return resolvePaths(data ?? {}, file)
}

function readPackageConfig(file: string, shown = file): Config | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new ConfigError(shown, undefined, describeFsError(error))
  }
  const data = parseJson(text, shown) as {unspin?: unknown} | null
  if (data?.unspin === undefined) return undefined
  let config: Config
  try {
    // Validated in the file itself, so a wrong value is reported at its line.
    config = parseYaml<{unspin: Config}>(text, shown, {type: 'object', properties: {unspin: configSchema}}).data.unspin
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // Valid JSON the YAML parser will not take (a key repeated elsewhere in the
    // file): the value alone decides; if it is wrong, the error above says where.
    try {
      config = parseYaml<Config>(JSON.stringify(data.unspin), shown, configSchema).data
    } catch {
      throw error
    }
  }
  return resolvePaths(config, file)
}

/** `JSON.parse`, or `FILE:LINE: invalid JSON: what` on one line. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(message)
    const offset = position ? Number(position[1]) : jsonErrorOffset(text)
    const line = text.slice(0, Math.min(offset, text.length)).split('\n').length
    // Not the quote of the text that some versions of Node.js add (it can span lines).
    const what = message
      .replace(/^(Unexpected token '.+?'), [\s\S]* is not valid JSON$/, '$1')
      .replace(/\s*in JSON at position \d+[\s\S]*$/, '')
      .replace(/\s+/g, ' ')
    throw new ConfigError(file, line, `invalid JSON: ${what}`)
  }
}

/**
 * Where a text stops being JSON (for messages that do not say): a scan of
 * the grammar, never the values.
 */
export function jsonErrorOffset(text: string): number {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }
  const fail = (): never => {
    throw at
  }
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length
    else fail()
  }
  const string = () => {
    at++
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail()
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail()
          at += 4
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail()
      }
      at++
    }
    if (at >= text.length) fail()
    at++
  }
  const value = (): void => {
    space()
    const char = text[at]
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      at++
      space()
      if (text[at] === close) {
        at++
        return
      }
      for (;;) {
        if (close === '}') {
          space()
          if (text[at] !== '"') fail()
          string()
          space()
          if (text[at] !== ':') fail()
          at++
        }
        value()
        space()
        if (text[at] === ',') at++
        else if (text[at] === close) {
          at++
          return
        } else fail()
      }
    }
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400))
    if (!number) fail()
    at += number![0].length
  }
  try {
    value()
    space()
    if (at < text.length) fail()
  } catch (offset) {
    if (typeof offset === 'number') return offset
    throw offset
  }
  return text.length
}

function resolvePaths(config: Config, file: string): Config {
  const base = path.dirname(file)
  const resolve = (value: string) => path.resolve(base, value)
  return {
    ...config,
    rules: config.rules?.map(resolve),
    fingerprints: config.fingerprints?.map(resolve),
    names: config.names ? resolve(config.names) : undefined,
    origin: file
  }
}
