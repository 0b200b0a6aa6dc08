/**
 * The engine: configuration and catalogue in, checked files out. The CLI
 * and the library API both go through here; plugins never call back up.
 */
import {VFile} from 'vfile'
import {FAMILIES, isFamily, isUnspinMessage, type CorpusPass, type Family, type UnspinFileData, type UnspinMessage} from '../core/types.js'
import {report} from '../core/report.js'
import type {TextInput} from '../core/io.js'
import {loadCatalogue} from '../rules/catalogue.js'
import {externalRules} from '../rules/external.js'
import {AVAILABLE, unspinProcessor} from '../preset.js'
import {boilerplateRepetition} from '../plugins/boilerplate.js'
import {namesCorpusPass, type NamesOptions} from '../plugins/names.js'
import type {Romanisation} from '../names/prefer.js'
import {keepMessages} from './ignore.js'
import {wrapWidth} from '../core/wrap.js'
import {splitLines, type Line} from '../cleanup/lines.js'
import {isProse} from '../cleanup/boilerplate.js'
import type {Config} from './config.js'

/** A text to check; `raw` is the file it came from, where inline ignore comments live (default: `text`). */
export interface EngineInput extends Pick<TextInput, 'path' | 'text'> {
  raw?: string
  /** Offsets of lines the text's format marks as its own structure (Markdown's headings and table rows), in order. */
  structure?: readonly number[]
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
  // Proposals below the threshold would be dropped anyway; above it, down to where the user asked (`--min-confidence`).
  const names: NamesOptions = {registry: options.names ?? config.names, floor: minConfidence, ...(prefer ? {prefer} : {})}
  if (families.has('names')) corpus.push(namesCorpusPass(names))
  const processor = unspinProcessor({
    families,
    // The trees stay here, and the plugins read only their tokens: no word or space nodes.
    parse: {tokensOnly: true},
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
      // A large text is checked in parts (split between prose paragraphs),
      // so its syntax trees stay small enough for the young generation of
      // the garbage collector: cost then grows linearly with size. (A tree
      // alive during a scavenge is copied; parts of an article's size keep
      // that copy as small as for the articles themselves.)
      const parts = inputs.map((input) => splitText(input.text))
      const pieces = parts.flatMap((list, index) =>
        list.map((part) => {
          const file = new VFile({path: inputs[index]!.path, value: part.text})
          const structure = inputs[index]!.structure
          if (structure) (file.data as UnspinFileData).structure = within(structure, part)
          if (list.length > 1) (file.data as UnspinFileData).whole = inputs[index]!.text
          processor.runSync(processor.parse(file), file)
          return file
        })
      )
      for (const pass of corpus) pass.finish(pieces)
      let next = 0
      const files = inputs.map((input, index) => {
        const list = parts[index]!
        const own = pieces.slice(next, next + list.length)
        next += list.length
        return list.length === 1 ? own[0]! : join(input, list, own)
      })
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

/** Parts of at least this many characters, where a text allows. */
const PART = 16 * 1024
/** Lines at least this long on both sides of a split are prose paragraphs. */
const PROSE_LINE = 160

export interface Part {
  offset: number
  text: string
}

/**
 * Split a large text at blank lines that have a prose paragraph on both
 * sides, so that no part starts or ends inside page furniture (which is
 * judged by its place above or below the article). A stretch with no such
 * place is cut anyway where it is longer than `MAX_PART` (see `cutAnyway`).
 */
export function splitText(text: string): Part[] {
  if (text.length < PART * 2) return [{offset: 0, text}]
  const parts = wrapWidth(text) > 0 ? splitWrapped(text) : splitProse(text)
  return parts.flatMap((part) => (part.text.length <= MAX_PART ? [part] : cutAnyway(part)))
}

/** `splitText` for text whose paragraphs are lines: at blank lines between two long ones. */
function splitProse(text: string): Part[] {
  const parts: Part[] = []
  const blank = /\n[ \t]*\r?\n/g
  let start = 0
  blank.lastIndex = PART
  for (let match = blank.exec(text); match; match = blank.exec(text)) {
    const cut = match.index + match[0].length
    if (text.length - cut < PART) break
    const before = text.lastIndexOf('\n', match.index - 1)
    const after = text.indexOf('\n', cut)
    const longBefore = match.index - (before + 1) >= PROSE_LINE
    const longAfter = (after === -1 ? text.length : after) - cut >= PROSE_LINE
    if (!longBefore || !longAfter) continue
    parts.push({offset: start, text: text.slice(start, cut)})
    start = cut
    blank.lastIndex = cut + PART
  }
  parts.push({offset: start, text: text.slice(start)})
  return parts
}

/**
 * `splitText` for hard-wrapped prose, whose paragraphs are runs of short
 * lines: its paragraphs are read as the boilerplate family reads them (one
 * line each), and it is split at blank lines between two of prose.
 */
function splitWrapped(text: string): Part[] {
  const lines = splitLines(text, {joinWrapped: true})
  const parts: Part[] = []
  let start = 0
  let previous: Line | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (line.blank) continue
    const cut = line.start
    if (previous && previous.index < index - 1 && cut - start >= PART && text.length - cut >= PART && isProse(previous) && isProse(line)) {
      parts.push({offset: start, text: text.slice(start, cut)})
      start = cut
    }
    previous = line
  }
  parts.push({offset: start, text: text.slice(start)})
  return parts
}

/**
 * A part longer than this (no blank line between two prose paragraphs in
 * it: wire stories run together with their headlines between them, a file
 * of one long line) is cut anyway. Parts of 50 kB parse at the speed of
 * 10 kB ones; parts of 250 kB at a quarter of it, their trees too large for
 * the young generation.
 */
const MAX_PART = 4 * PART

/**
 * Cut a part where a cut breaks least, between `PART` and `MAX_PART`
 * characters into the rest: at the last blank line after a paragraph of
 * prose, else the last blank line, else the last line break; in a line,
 * after the last sentence's end, else before the last word in lower case
 * (a part's first word is taken to open a sentence), else after the last
 * space; never inside a surrogate pair. Only what is judged across a cut
 * can differ from checking the part whole: a phrase or a line of page
 * furniture right at it, and each part's spin score is its own (as for the
 * parts above).
 */
function cutAnyway(part: Part): Part[] {
  const {text, offset} = part
  const parts: Part[] = []
  let start = 0
  while (text.length - start > MAX_PART) {
    const from = start + PART
    const window = text.slice(from, start + MAX_PART)
    let blank = -1
    let afterProse = -1
    let block = 0
    for (const match of window.matchAll(BLANK_LINE)) {
      const end = match.index + match[0].length
      if (blank !== -1 && isParagraph(window.slice(block, match.index))) afterProse = end
      blank = end
      block = end
    }
    let at = afterProse !== -1 ? afterProse : blank
    if (at === -1) at = window.lastIndexOf('\n') + 1
    if (at === 0) at = lastEnd(window, SENTENCE_END)
    if (at === 0) at = lastEnd(window, BEFORE_LOWER)
    if (at === 0) at = window.lastIndexOf(' ') + 1
    if (at === 0) at = isHighSurrogate(window.charCodeAt(window.length - 1)) ? window.length - 1 : window.length
    parts.push({offset: offset + start, text: text.slice(start, from + at)})
    start = from + at
  }
  parts.push({offset: offset + start, text: text.slice(start)})
  return parts
}

const BLANK_LINE = /\n(?:[ \t]*\r?\n)+/g
/** In a line: after a sentence's end, before its capital; else before a word in lower case, inside a sentence. */
const SENTENCE_END = /[.!?]["”’')\]]*[ \t]+(?=\p{Lu})/gu
// One space, not a run: a run of spaces not followed by a lower-case letter would be tried from each of its spaces.
const BEFORE_LOWER = /[ \t](?=\p{Ll})/gu

/** Where the last match of `pattern` in `text` ends, or 0. */
function lastEnd(text: string, pattern: RegExp): number {
  let end = 0
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length
  return end
}

/**
 * Whether a block between blank lines is a paragraph of prose, hard-wrapped
 * or not: long enough, with a line of a wrapped paragraph's length. A
 * paragraph ends before the cut, so what opens the next part is what would
 * open a file (a headline above its story), not what closes one.
 */
function isParagraph(block: string): boolean {
  if (block.length < PROSE_LINE) return false
  let start = 0
  for (let end = block.indexOf('\n'); ; end = block.indexOf('\n', start)) {
    if ((end === -1 ? block.length : end) - start >= PARAGRAPH_LINE) return true
    if (end === -1) return false
    start = end + 1
  }
}

/** A line this long is a wrapped paragraph's (hard-wrapped prose runs 60 to 80 characters), not a menu's or a headline's. */
const PARAGRAPH_LINE = 60
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** The offsets (in order) that fall in a part, moved to the part's own offsets. */
function within(offsets: readonly number[], part: Part): number[] {
  const end = part.offset + part.text.length
  const result: number[] = []
  // Offsets are in order: start at the first one in the part, stop at the first past it.
  let low = 0
  let high = offsets.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (offsets[middle]! < part.offset) low = middle + 1
    else high = middle
  }
  for (let index = low; index < offsets.length && offsets[index]! < end; index++) result.push(offsets[index]! - part.offset)
  return result
}

/** One file from the parts it was checked in: messages moved to file offsets. */
function join(input: EngineInput, parts: Part[], pieces: VFile[]): VFile {
  const file = new VFile({path: input.path, value: input.text})
  let weighted = 0
  let scored = 0
  pieces.forEach((piece, index) => {
    const offset = parts[index]!.offset
    const score = (piece.data as UnspinFileData).spinScore
    if (typeof score === 'number') {
      weighted += score * parts[index]!.text.length
      scored += parts[index]!.text.length
    }
    for (const message of piece.messages as UnspinMessage[]) {
      const place = message.place && 'start' in message.place ? message.place : undefined
      const start = (place?.start.offset ?? 0) + offset
      const end = (place?.end.offset ?? 0) + offset
      report(file, {
        family: message.family,
        rule: message.ruleId.slice(message.family.length + 1),
        start,
        end,
        actual: message.actual,
        expected: message.expected,
        confidence: message.confidence,
        reason: message.reason,
        ...(message.note ? {note: message.note} : {}),
        ...(message.url ? {url: message.url} : {}),
        ...(message.data ? {data: message.data} : {})
      })
    }
  })
  if (scored > 0) (file.data as UnspinFileData).spinScore = weighted / scored
  return file
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
