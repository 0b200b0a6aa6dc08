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
  if (explicit) return readConfig(path.resolve(cwd, explicit))
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

function readConfig(file: string): Config {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(file, undefined, describeFsError(error))
  }
  if (path.basename(file) === 'package.json') {
    return readPackageConfig(file) ?? {origin: file}
  }
  // YAML is a superset of JSON, so one parser gives line numbers for both.
  const {data} = parseYaml<Config | null>(text, file, configSchema)
  return resolvePaths(data ?? {}, file)
}

function readPackageConfig(file: string): Config | undefined {
  let data: {unspin?: unknown}
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as {unspin?: unknown}
  } catch (error) {
    throw new ConfigError(file, undefined, error instanceof SyntaxError ? `invalid JSON: ${error.message}` : describeFsError(error))
  }
  if (data.unspin === undefined) return undefined
  const {data: config} = parseYaml<Config>(JSON.stringify(data.unspin), `${file}#unspin`, configSchema)
  return resolvePaths(config, file)
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
