/**
 * Input formats. Each turns a file into the text(s) the chain sees and
 * maps proposals back onto the file, so that a fix only ever changes prose:
 *
 * - `txt`: the file as it is.
 * - `md`: the Markdown source with everything but prose blanked out (same
 *   length, same lines), so offsets are the file's own; code, front matter,
 *   HTML and URLs are never edited.
 * - `html`: the page source with tags, scripts and styles blanked out and a
 *   line break where a block element starts or ends; a line deleted from the
 *   text deletes the element that holds it. `extract` blanks out everything
 *   Readability does not keep as the article.
 * - `jsonl`: one document per line, the string in `field`; a fix rewrites
 *   that field only and keeps every other byte of the line.
 */
import {InputError, type TextInput} from '../core/io.js'
import type {EngineInput} from '../engine/index.js'
import {applyEdits, type Edit} from '../core/edits.js'
import {markdown} from './markdown.js'
import {html} from './html.js'
import {jsonl} from './jsonl.js'

export const FORMATS = ['txt', 'md', 'html', 'jsonl'] as const
export type Format = (typeof FORMATS)[number]

export interface InputOptions {
  /** Format of the input (default: from the file extension; `txt` when unknown). */
  format?: Format
  /** JSONL: the field holding the text (default: `text`). */
  field?: string
  /** HTML: check only the article body Readability finds (default: `false`). */
  extract?: boolean
}

/** One text the chain checks. */
export interface Doc {
  /** Shown in reports: the file, or `file:LINE` for a JSONL record. */
  path: string
  text: string
  /**
   * The edit of the file that carries out an edit of `text`, or nothing
   * when the edit would touch something other than prose.
   */
  toSource(edit: Edit): Edit | undefined
  /** Offsets in `text` (in order) of lines the format marks as the document's own structure (Markdown's headings and table rows). */
  structure?: number[]
}

export interface Rendered {
  text: string
  applied: number
  skipped: number
}

export interface Source {
  input: TextInput
  format: Format
  docs: Doc[]
  /** Parts of the file that could not be read (a broken JSONL record); the rest is checked. */
  errors?: InputError[]
  /** The file's text with the edits of each doc (in doc coordinates, by doc index) carried out. */
  render(edits: readonly Edit[][]): Rendered
}

const EXTENSIONS: Record<string, Format> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  mdx: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl'
}

/** File extensions a directory walk should pick up for these formats. */
export const INPUT_EXTENSIONS = Object.keys(EXTENSIONS)

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value)
}

export function formatOf(path: string, fallback: Format = 'txt'): Format {
  const match = /\.([a-z0-9]+)$/i.exec(path)
  return (match && EXTENSIONS[match[1]!.toLowerCase()]) || fallback
}

export function openSource(input: TextInput, options: InputOptions = {}): Source {
  const format = options.format ?? formatOf(input.path)
  switch (format) {
    case 'md':
      return single(input, format, loading(input, () => markdown(input.text)))
    case 'html':
      return single(input, format, loading(input, () => html(input.text, {extract: options.extract ?? false})))
    case 'jsonl':
      return jsonl(input, options.field ?? 'text')
    case 'txt':
      return single(input, format, {text: input.text, toSource: (edit) => edit})
    default:
      throw new InputError(input.path, `unknown format \`${String(format)}\``)
  }
}

/**
 * The Markdown and HTML parsers are loaded with the first such file; if
 * that fails (a Node.js that cannot `require()` ES modules, a package
 * missing from the install), it is that file's one-line error, and the
 * other files are still checked.
 */
export function loading<T>(input: TextInput, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    const code = (error as {code?: unknown}).code
    if (code === 'ERR_REQUIRE_ESM') throw new InputError(input.path, 'reading this format needs Node.js 20.19+ or 22.12+')
    if (code === 'MODULE_NOT_FOUND') {
      const name = /'([^']+)'/.exec((error as Error).message)?.[1] ?? 'a parser'
      throw new InputError(input.path, `reading this format needs the package \`${name}\`, which is not installed`)
    }
    throw error
  }
}

export interface Mapped {
  text: string
  toSource(edit: Edit): Edit | undefined
  /** Offsets (in order) of lines the format marks as the document's own structure. */
  structure?: number[]
}

/** A file that is one document whose text has the file's own offsets. */
function single(input: TextInput, format: Format, mapped: Mapped): Source {
  const doc: Doc = {path: input.path, text: mapped.text, toSource: mapped.toSource, ...(mapped.structure ? {structure: mapped.structure} : {})}
  return {
    input,
    format,
    docs: [doc],
    render(edits) {
      const {mapped, dropped} = toSourceEdits(doc, edits[0] ?? [])
      const result = applyEdits(input.text, mapped.map(({target}) => target))
      return {text: result.text, applied: result.applied.length, skipped: result.skipped.length + dropped}
    }
  }
}

/**
 * Edits of a document's text as edits of the file: each with the edit it
 * came from; `dropped` counts those outside prose (no place in the file).
 * Two lines of one HTML element map to the same deletion: it happens once.
 */
export function toSourceEdits<T extends Edit>(doc: Doc, edits: readonly T[]): {mapped: Array<{edit: T; target: Edit}>; dropped: number} {
  const mapped: Array<{edit: T; target: Edit}> = []
  let dropped = 0
  const seen = new Set<string>()
  for (const edit of edits) {
    const target = doc.toSource(edit)
    if (!target) {
      dropped++
      continue
    }
    const key = `${target.start}:${target.end}:${target.replacement}`
    if (seen.has(key)) continue
    seen.add(key)
    mapped.push({edit, target})
  }
  return {mapped, dropped}
}

/**
 * What the engine checks for one document. Markdown and HTML documents keep
 * the file's offsets, so their inline ignore comments are read from the
 * file itself; a JSONL record's are in its own text.
 */
export function engineInput(source: Source, doc: Doc): EngineInput {
  const raw = source.format === 'md' || source.format === 'html' ? source.input.text : doc.text
  return {path: doc.path, text: doc.text, raw, ...(doc.structure ? {structure: doc.structure} : {})}
}

/** `engineInput` for every document of every source, in order. */
export function engineInputs(sources: readonly Source[]): EngineInput[] {
  return sources.flatMap((source) => source.docs.map((doc) => engineInput(source, doc)))
}
