/**
 * The unspin chain: unspin's parser plus one plugin per artifact family, in
 * the order their evidence flows (template debris feeds the spin score).
 */
import {unified, type Processor, type PluggableList} from 'unified'
import type {Root} from 'nlcst'
import unspinParse, {type ParseOptions} from './parse/index.js'
import unspinSpintax, {type SpintaxOptions} from './plugins/spintax.js'
import unspinSpin, {type SpinOptions} from './plugins/spin.js'
import unspinBoilerplate, {type BoilerplateOptions} from './plugins/boilerplate.js'
import unspinGlued, {type GluedOptions} from './plugins/glued.js'
import unspinMojibake, {type MojibakeOptions} from './plugins/mojibake.js'
import unspinMt, {type MtOptions} from './plugins/mt.js'
import unspinNames, {type NamesOptions} from './plugins/names.js'
import {FAMILIES, type Family} from './core/types.js'

export interface PresetOptions {
  /** Families to run (default: every family). */
  families?: Iterable<Family>
  /** unspin's parser's options (`unspinProcessor` only; `tokensOnly` is for a tree no one else reads). */
  parse?: ParseOptions
  spin?: SpinOptions
  spintax?: SpintaxOptions
  boilerplate?: BoilerplateOptions
  glued?: GluedOptions
  mojibake?: MojibakeOptions
  mt?: MtOptions
  names?: NamesOptions
}

/** Families whose plugin is part of this build, in chain order. */
export const AVAILABLE: Family[] = ['spintax', 'spin', 'mojibake', 'boilerplate', 'glued', 'mt', 'names']

/** The plugins of the chain, for use after any nlcst parser (retext-english, remark-retext). */
export function unspinPlugins(options: PresetOptions = {}): PluggableList {
  const families = new Set(options.families ?? FAMILIES)
  const plugins: PluggableList = []
  if (families.has('spintax')) plugins.push([unspinSpintax, options.spintax ?? {}])
  if (families.has('spin')) plugins.push([unspinSpin, options.spin ?? {}])
  if (families.has('mojibake')) plugins.push([unspinMojibake, options.mojibake ?? {}])
  if (families.has('boilerplate')) plugins.push([unspinBoilerplate, options.boilerplate ?? {}])
  if (families.has('glued')) plugins.push([unspinGlued, options.glued ?? {}])
  if (families.has('mt')) plugins.push([unspinMt, options.mt ?? {}])
  if (families.has('names')) plugins.push([unspinNames, options.names ?? {}])
  return plugins
}

/** A processor that parses text and runs the chain: `unspinProcessor().process(text)`. */
export function unspinProcessor(options: PresetOptions = {}): Processor<Root, Root, Root, undefined, undefined> {
  return unified().use(unspinParse, options.parse).use(unspinPlugins(options)) as unknown as Processor<Root, Root, Root, undefined, undefined>
}
