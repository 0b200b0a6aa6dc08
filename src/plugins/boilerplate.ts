/**
 * `boilerplate`: page furniture a scraper brought home with the article
 * (navigation, date headers, ad labels, share and comment widgets, teasers,
 * credits, footers, author tags), each proposed as a deletion.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {reason, report} from '../core/report.js'
import type {CorpusPass, UnspinFileData} from '../core/types.js'
import {classify, type Furniture} from '../cleanup/boilerplate.js'
import {loadKeywords, type Keywords} from '../cleanup/keywords.js'
import {lineNorm} from '../cleanup/lines.js'
import {familyOf} from '../rules/catalogue.js'

export interface BoilerplateOptions {
  /** Extra rule files (`--rules`); those with `family: boilerplate` are read (default: none). */
  rules?: string[]
  /** Compiled keyword lists; overrides `rules` (default: built-in lists plus `rules`). */
  keywords?: Keywords
}

/** What the corpus pass needs from each file, kept on `file.data.boilerplate`. */
export interface BoilerplateData {
  /** Lines without a finding, by folded text, that could be repeated furniture. */
  candidates: Array<{norm: string; start: number; end: number; text: string}>
}


export default function unspinBoilerplate(options: BoilerplateOptions = {}) {
  // `--rules` files of other families are the catalogue's business.
  const keywords = options.keywords ?? loadKeywords((options.rules ?? []).filter((file) => familyOf(file) === 'boilerplate'))

  return function (_tree: Root, file: VFile) {
    const text = String(file.value)
    const structure = (file.data as UnspinFileData).structure
    const {lines, furniture} = classify(text, {keywords, ...(structure ? {structure} : {})})
    for (const item of furniture) emit(file, text, item)
    const data = file.data as UnspinFileData
    data.boilerplate = {
      candidates: lines
        .filter((info) => !info.furniture && !info.good && !info.heading && info.line.words <= 15 && !info.line.sentence)
        .map((info) => ({norm: lineNorm(info.line), start: info.line.start, end: spanEnd(text, info.line.next), text: info.line.text}))
    } satisfies BoilerplateData
  }
}

function emit(file: VFile, text: string, item: Furniture) {
  const actual = text.slice(item.start, item.end)
  report(file, {
    family: 'boilerplate',
    rule: item.rule,
    start: item.start,
    end: item.end,
    actual,
    expected: [''],
    confidence: item.confidence,
    reason: reason(actual, [''], item.label),
    note: item.note
  })
}

function spanEnd(text: string, next: number): number {
  // Blank lines after a repeated line go with it, as for every other deletion.
  let end = next
  for (;;) {
    const lineEnd = text.indexOf('\n', end)
    const line = text.slice(end, lineEnd === -1 ? text.length : lineEnd + 1)
    if (line.length === 0 || line.trim().length > 0) return end
    end += line.length
  }
}

export interface RepetitionOptions {
  /** A line must occur in at least this many files (default: `3`). */
  minFiles?: number
  /** …and in at least this share of the files of the run (default: `0.05`). */
  minShare?: number
}

/**
 * Lines repeated verbatim across the files of a corpus (a site's slogan,
 * "More from Politics", a related-story list) are furniture even where the
 * keyword lists do not know them. Run by the engine after every file went
 * through the chain.
 */
export function boilerplateRepetition(options: RepetitionOptions = {}): CorpusPass {
  const minFiles = options.minFiles ?? 3
  const minShare = options.minShare ?? 0.05
  return {
    finish(files: VFile[]) {
      // Count files by path: the engine checks a very large file in parts,
      // and a line repeated within one file is not repeated across a corpus.
      const seen = new Map<string, Set<string>>()
      for (const file of files) {
        const data = (file.data as UnspinFileData).boilerplate as BoilerplateData | undefined
        if (!data) continue
        for (const item of data.candidates) {
          const paths = seen.get(item.norm) ?? new Set<string>()
          paths.add(file.path ?? '')
          seen.set(item.norm, paths)
        }
      }
      const counts = new Map([...seen].map(([norm, paths]) => [norm, paths.size]))
      const needed = Math.max(minFiles, Math.ceil(minShare * new Set(files.map((file) => file.path ?? '')).size))
      for (const file of files) {
        const data = (file.data as UnspinFileData).boilerplate as BoilerplateData | undefined
        if (!data) continue
        const text = String(file.value)
        for (const item of data.candidates) {
          const count = counts.get(item.norm) ?? 0
          if (count < needed) continue
          emit(file, text, {
            rule: 'repeated',
            label: 'line repeated across the corpus',
            start: item.start,
            end: item.end,
            // More copies, more certainty; never full certainty from repetition alone.
            confidence: Math.min(0.95, 0.7 + 0.05 * count),
            note: `The same line appears in ${count} files of this run.`
          })
        }
      }
    }
  }
}
