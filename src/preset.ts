/**
 * The unspin chain: unspin's parser plus one plugin per artifact family, in
 * the order their evidence flows (template debris feeds the spin score).
 */
import {unified, type Processor, type PluggableList} from 'unified'
import type {Root} from 'nlcst'
import unspinParse from './parse/index.js'
import unspinSpintax, {type SpintaxOptions} from './plugins/spintax.js'
import unspinSpin, {type SpinOptions} from './plugins/spin.js'
import {FAMILIES, type Family} from './core/types.js'

export interface PresetOptions {
  /** Families to run (default: every family). */
  families?: Iterable<Family>
  spin?: SpinOptions
  spintax?: SpintaxOptions
}

/** Families whose plugin is part of this build, in chain order. */
export const AVAILABLE: Family[] = ['spintax', 'spin']

/** The plugins of the chain, for use after any nlcst parser (retext-english, remark-retext). */
export function unspinPlugins(options: PresetOptions = {}): PluggableList {
  const families = new Set(options.families ?? FAMILIES)
  const plugins: PluggableList = []
  if (families.has('spintax')) plugins.push([unspinSpintax, options.spintax ?? {}])
  if (families.has('spin')) plugins.push([unspinSpin, options.spin ?? {}])
  return plugins
}

/** A processor that parses text and runs the chain: `unspinProcessor().process(text)`. */
export function unspinProcessor(options: PresetOptions = {}): Processor<Root, Root, Root, undefined, undefined> {
  return unified().use(unspinParse).use(unspinPlugins(options)) as unknown as Processor<Root, Root, Root, undefined, undefined>
}
