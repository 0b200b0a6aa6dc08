/**
 * unspin's library API.
 *
 *     import {unspin} from 'unspin'
 *     const file = await unspin('As we speak, the struggle goes on.')
 *     file.messages // vfile messages with ruleId, actual, expected, family, confidence
 *
 * Each plugin is exported on its own, to run after any nlcst parser (for
 * example `remark-retext` inside remark, or `rehype-retext` inside rehype).
 */
import {VFile, type Compatible} from 'vfile'
import {createEngine, type EngineOptions} from './engine/index.js'
import {fixSources, type Cleaned} from './inputs/fix.js'
import {openSource} from './inputs/index.js'

export {createEngine, selectFamilies, UsageError, type Engine, type EngineOptions} from './engine/index.js'
export {loadConfig, type Config} from './engine/config.js'
export {unspinPlugins, unspinProcessor, AVAILABLE, type PresetOptions} from './preset.js'
export {default as unspinParse, parse} from './parse/index.js'
export {default as unspinSpin, type SpinOptions} from './plugins/spin.js'
export {default as unspinSpintax, type SpintaxOptions} from './plugins/spintax.js'
export {default as unspinNames, namesCorpusPass, type NamesOptions} from './plugins/names.js'
export {default as unspinBoilerplate, boilerplateRepetition, type BoilerplateOptions} from './plugins/boilerplate.js'
export {default as unspinGlued, type GluedOptions} from './plugins/glued.js'
export {default as unspinMojibake, type MojibakeOptions} from './plugins/mojibake.js'
export {default as unspinMt, type MtOptions} from './plugins/mt.js'
export {applyEdits, type Edit, type EditResult} from './core/edits.js'
export {spinScore, hitConfidence} from './core/score.js'
export {loadCatalogue, type Catalogue} from './rules/catalogue.js'
export {toReport, type JsonReport, type JsonFile, type JsonMessage} from './report/json.js'
export {FAMILIES, type Family, type Finding, type UnspinMessage, type CorpusPass} from './core/types.js'
export {openSource, type Source, type Format, type InputOptions} from './inputs/index.js'
export {fixSources, type Cleaned} from './inputs/fix.js'

/** Check one text (or vfile) with the whole chain; messages below `minConfidence` (default 0.5) are dropped. */
export async function unspin(input: Compatible, options: EngineOptions = {}): Promise<VFile> {
  const file = input instanceof VFile ? input : new VFile(input)
  const engine = createEngine(options)
  const [checked] = engine.check([{path: file.path ?? '<stdin>', text: String(file.value ?? '')}])
  file.data = {...file.data, ...checked!.data}
  // A loop, not push(...): a call takes a bounded number of arguments, a text can have more findings.
  for (const message of checked!.messages) file.messages.push(message)
  return file
}

/** Fix one text: apply the proposals at or above `minConfidence` (default 0.9). */
export function fix(text: string, options: EngineOptions = {}): {text: string; applied: number; skipped: number} {
  const source = openSource({path: '<stdin>', text, bom: false}, {format: 'txt'})
  const [result] = fixSources([source], createEngine({minConfidence: 0.9, ...options})) as [Cleaned]
  return {text: result.text, applied: result.applied, skipped: result.skipped}
}
