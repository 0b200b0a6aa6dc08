/**
 * The engine: configuration and catalogue in, checked files out. The CLI
 * and the library API both go through here; plugins never call back up.
 */
import {VFile} from 'vfile'
import {FAMILIES, isFamily, isUnspinMessage, type CorpusPass, type Family, type UnspinMessage} from '../core/types.js'
import type {TextInput} from '../core/io.js'
import {loadCatalogue} from '../rules/catalogue.js'
import {externalRules} from '../rules/external.js'
import {AVAILABLE, unspinProcessor} from '../preset.js'
import {boilerplateRepetition} from '../plugins/boilerplate.js'
import {namesCorpusPass, type NamesOptions} from '../plugins/names.js'
import type {Romanisation} from '../names/prefer.js'
import {keepMessages} from './ignore.js'
import type {Config} from './config.js'

/** A text to check; `raw` is the file it came from, where inline ignore comments live (default: `text`). */
export interface EngineInput extends Pick<TextInput, 'path' | 'text'> {
  raw?: string
}

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface EngineOptions {
  only?: readonly string[]
  disable?: readonly string[]
  /** Report only messages at or above this confidence (default 0.5). */
  minConfidence?: number
  /** Extra rule files (`--rules`). */
  rules?: readonly string[]
  /** External fingerprint lists (`--fingerprints`). */
  fingerprints?: readonly string[]
  /** House name registry (`--names`; default: the config's `names`, else rules/names.yml). */
  names?: string
  /** Configuration (from `loadConfig`); options above win over it. */
  config?: Config
}

export interface Engine {
  families: Set<Family>
  minConfidence: number
  check(inputs: readonly EngineInput[]): VFile[]
}

export function selectFamilies(only: readonly string[] | undefined, disable: readonly string[] | undefined): Set<Family> {
  const check = (names: readonly string[], option: string) => {
    for (const name of names) {
      if (!isFamily(name)) {
        throw new UsageError(`${option}: unknown family \`${name}\` (expected one of ${FAMILIES.join(', ')})`)
      }
    }
    return names as Family[]
  }
  const selected = new Set<Family>(only && only.length > 0 ? check(only, '--only') : AVAILABLE)
  for (const name of check(disable ?? [], '--disable')) selected.delete(name)
  return selected
}

export function createEngine(options: EngineOptions = {}): Engine {
  const config = options.config ?? {}
  const families = selectFamilies(options.only ?? config.only, options.disable ?? config.disable)
  const minConfidence = options.minConfidence ?? config.minConfidence ?? 0.5
  const ruleFiles = [...(config.rules ?? []), ...(options.rules ?? [])]
  const catalogue = loadCatalogue({rules: ruleFiles})
  const fingerprints = externalRules([...(config.fingerprints ?? []), ...(options.fingerprints ?? [])])
  const corpus: CorpusPass[] = []
  if (families.has('boilerplate')) corpus.push(boilerplateRepetition())
  const prefer = config.settings?.names?.prefer as Romanisation | undefined
  const names: NamesOptions = {registry: options.names ?? config.names, ...(prefer ? {prefer} : {})}
  if (families.has('names')) corpus.push(namesCorpusPass(names))
  const processor = unspinProcessor({
    families,
    // Messages below the threshold would be dropped anyway: don't build them.
    spin: {rules: catalogue.phrases.get('spin') ?? [], extra: fingerprints, floor: minConfidence},
    boilerplate: {rules: ruleFiles},
    mt: {rules: catalogue.phrases.get('mt') ?? []},
    names
  })

  return {
    families,
    minConfidence,
    check(inputs) {
      const files = inputs.map((input) => {
        const file = new VFile({path: input.path, value: input.text})
        processor.runSync(processor.parse(file), file)
        return file
      })
      for (const pass of corpus) pass.finish(files)
      files.forEach((file, index) => {
        const raw = inputs[index]!.raw ?? inputs[index]!.text
        file.messages = keepMessages(raw, file.messages as UnspinMessage[]).filter(
          (message) =>
            isUnspinMessage(message) && families.has(message.family) && message.confidence >= minConfidence
        )
        file.messages.sort(byPlace)
      })
      return files
    }
  }
}

function byPlace(a: VFile['messages'][number], b: VFile['messages'][number]): number {
  const left = a as UnspinMessage
  const right = b as UnspinMessage
  return (
    (left.place && 'start' in left.place ? left.place.start.offset ?? 0 : 0) -
      (right.place && 'start' in right.place ? right.place.start.offset ?? 0 : 0) ||
    right.confidence - left.confidence
  )
}
