/**
 * Fixing files of any input format: check every document of every file in
 * one engine run (so corpus passes see them all), carry each message's best
 * proposal back onto its file, and repeat on what changed until nothing
 * does (a few rounds at most), so cleaning a clean file changes nothing.
 */
import type {Edit} from '../core/edits.js'
import type {Family, UnspinMessage} from '../core/types.js'
import type {Engine} from '../engine/index.js'
import {engineInput, openSource, type InputOptions, type Source} from './index.js'

export interface Cleaned {
  source: Source
  /** The file's new text. */
  text: string
  applied: number
  skipped: number
  /** Applied proposals by family. */
  byFamily: Partial<Record<Family, number>>
}

const MAX_ROUNDS = 3

export function fixSources(sources: readonly Source[], engine: Engine, options: InputOptions = {}): Cleaned[] {
  const results: Cleaned[] = sources.map((source) => ({source, text: source.input.text, applied: 0, skipped: 0, byFamily: {}}))
  let pending = results.map((_, index) => index)
  let current = [...sources]
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    const docs = pending.flatMap((index) => current[index]!.docs.map((doc, docIndex) => ({index, doc, docIndex})))
    const files = engine.check(docs.map(({index, doc}) => engineInput(current[index]!, doc)))
    const editsBySource = new Map<number, Edit[][]>()
    docs.forEach(({index, docIndex}, at) => {
      const perDoc = editsBySource.get(index) ?? current[index]!.docs.map(() => [] as Edit[])
      editsBySource.set(index, perDoc)
      perDoc[docIndex] = (files[at]!.messages as UnspinMessage[])
        .filter((message) => message.expected.length > 0)
        .map((message) => toEdit(message))
    })
    const next: number[] = []
    for (const index of pending) {
      const source = current[index]!
      const edits = editsBySource.get(index) ?? []
      const rendered = source.render(edits)
      const result = results[index]!
      if (round === 0) result.skipped = rendered.skipped
      if (rendered.applied === 0 || rendered.text === source.input.text) continue
      result.applied += rendered.applied
      for (const list of edits) {
        for (const edit of list) {
          const family = edit.id as Family
          result.byFamily[family] = (result.byFamily[family] ?? 0) + 1
        }
      }
      result.text = rendered.text
      current[index] = openSource({...source.input, text: rendered.text}, {...options, format: source.format})
      next.push(index)
    }
    pending = next
  }
  return results
}

/** The edit a message proposes: its best `expected` over its span. */
export function toEdit(message: UnspinMessage): Edit {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  return {
    start: start?.offset ?? 0,
    end: end?.offset ?? 0,
    replacement: message.expected[0]!,
    confidence: message.confidence,
    id: message.family
  }
}
