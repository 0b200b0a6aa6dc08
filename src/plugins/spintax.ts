/**
 * `spintax`: template debris a spinner left in prose — `{hardware}`,
 * `<hardware>`, `{big|large|huge}` — proposing the text inside (each option
 * an alternative, the first one best: spintax lists the original first).
 *
 * Braces mean many things outside prose, so a match must look like words in
 * a sentence: no code, URL, path, maths, markup or emoticon around it.
 */
import type {Paragraph, Root} from 'nlcst'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {report, reason} from '../core/report.js'
import {memoizeLast} from '../core/memo.js'
import {lowerBound} from '../core/search.js'
import {paragraphs, TOKENS, type SentenceWithTokens} from '../core/tokens.js'
import {endsSentence} from '../core/wrap.js'
import type {UnspinFileData} from '../core/types.js'

export interface SpintaxOptions {
  /** Also look for `<word>` (default: `true`). */
  angles?: boolean
}

/** Characters either side that decide whether brackets sit in prose. */
const CONTEXT = 160
const BRACES = /\{([^{}\n]{1,120})\}/g
const ANGLES = /<([^<>\n]{2,60})>/g
// An option is one to six words of letters: code, maths and JSON are not.
const OPTION = /^\p{L}[\p{L}\p{M}'’\-]*(?: [\p{L}\p{M}'’\-]+){0,5}$/u
const SAFE_BEFORE = /[\s(“"‘'—–\-\[]/u
const SAFE_AFTER = /[\s.,;:!?)”"’'—–\-\]]/u
/** A line that starts with a speaker in angle brackets, after an optional time stamp. */
const SPEAKER = /^[ \t]*(?:\[[\d:.]+\][ \t]*)?<[ @+]?[^<>\s]{1,30}>/gm
/** What may stand before a speaker on its line. */
const SPEAKER_BEFORE = /^[ \t]*(?:\[[\d:.]+\][ \t]*)?$/
/**
 * Type names of JavaScript documentation (`{String|Array}`, `{Object}`, as
 * JSDoc writes a parameter's type): only capitalised, since a lower-case
 * `{number}` is as likely a word a spinner protected in a sentence.
 */
const TYPE_NAMES = new Set(
  'Array ArrayBuffer BigInt Boolean Buffer Date Element Error Function HTMLElement Iterable Map Node Number Object Promise Readable RegExp Set Stream String Symbol URL Uint8Array Writable'.split(' ')
)
/**
 * Words angle brackets hold that no spinner left: Usenet asides (`<grin>`,
 * `<snip>`), keys (`<Return>`, `<Esc>`) and the names programs give what has
 * no file name (`<stdin>`, `<string>`, `<lambda>`).
 */
const ANGLE_WORDS = new Set(['return', 'enter', 'esc', 'escape', 'tab', 'space', 'backspace', 'delete', 'del', 'insert', 'home', 'end', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'ctrl', 'alt', 'shift', 'cr', 'bs', 'nl', 'stdin', 'stdout', 'stderr', 'string', 'lambda', 'module', 'genexpr', 'listcomp', 'unknown', 'none', 'grin', 'wink', 'sigh', 'smile', 'shrug', 'snip', 'sarcasm', 'rant', 'cough', 'evil grin', 'big grin'])
/** What an address written against robots puts in brackets between its parts. */
const OBFUSCATED = new Set(['at', 'dot'])
/** Another part of such an address: its "at" or "dot" in brackets, or an @, between two words. */
const ADDRESS_MARK = /\S\s*(?:[({[](?:at|dot)[)}\]]|@)\s*\S/i
/** A placeholder of a name in documentation: `<file-name>`, `<debian-package-git>`. */
const PLACEHOLDER = /^[a-z0-9]+(?:-[a-z0-9]+)+$/
/** A name in capitals, as code writes file handles and metavariables. */
const CODE_NAME = /^[A-Z][A-Z0-9_]+$/
/**
 * First words of the placeholders templates ask readers to fill in
 * (`Copyright (C) <year> <name of author>`, `<your name>`): a licence's
 * or a form's, not a spinner's.
 */
const TO_FILL_IN = new Set(
  'name names your my year date signature email e-mail address path file filename directory version number user username password host hostname url program project package command value key id'.split(' ')
)
// Tags and words that angle brackets legitimately hold in scraped text.
const HTML_TAGS = new Set(
  'a abbr b br blockquote body button code div em figure figcaption footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav noscript ol option p pre script section select small source span strong style sub sup table tbody td textarea th thead title tr u ul video svg path'.split(' ')
)

export default function unspinSpintax(options: SpintaxOptions = {}) {
  const angles = options.angles ?? true

  return function (tree: Root, file: VFile) {
    const text = String(file.value)
    const found: Found = {file, text, offsets: new Map(), spans: []}
    // A chat log and a notation are the whole document's, when it is checked in parts.
    const {chat, notation} = documentOf((file.data as UnspinFileData).whole ?? text)
    for (const paragraph of paragraphs(tree)) {
      const span = spanOf(paragraph)
      if (!span) continue
      const stretch: Stretch = {paragraph, base: span[0], slice: text.slice(span[0], span[1])}
      if (stretch.slice.includes('{')) scan(found, 'braces', stretch, false, notation.braces)
      if (angles && stretch.slice.includes('<')) scan(found, 'angles', stretch, chat, notation.angles)
    }
    // Where debris was found: evidence of a spinner for the spin score.
    ;(file.data as UnspinFileData).spintaxOffsets = [...found.offsets.values()]
    ;(file.data as UnspinFileData).spintaxSpans = found.spans
  }
}

/** What a file's scan reports to and collects. */
interface Found {
  file: VFile
  text: string
  /**
   * Where each different piece of debris was first found: the same protected
   * word left in again and again is one sign of a spinner, not one per time.
   */
  offsets: Map<string, number>
  /** Where every piece of debris lies (start and end in turn), for `spin` to leave alone. */
  spans: number[]
}

/** A paragraph, and its text in the file (`slice`, from offset `base`). */
interface Stretch {
  paragraph: Paragraph
  base: number
  slice: string
}

/**
 * What is judged of the whole document: a chat log names its speakers in
 * angle brackets, and a text full of bracketed words writes its own
 * notation with them (a manual's `{cmd}` and `<cword>`), where only
 * alternatives `{a|b}` can be debris.
 */
const documentOf = memoizeLast((whole: string) => ({
  chat: whole.includes('<') && isChatLog(whole),
  notation: {braces: whole.includes('{') && isNotation(whole, BRACES), angles: whole.includes('<') && isNotation(whole, ANGLES)}
}))

/**
 * Brackets are found in the file's text, then judged on the paragraph's
 * prose around them: what its tree's nodes cover, everything else blanked.
 * Inside remark or rehype the file is the Markdown or HTML, whose link
 * targets, tags and code the tree leaves out; read from the file, they
 * would make every bracket near a link look like code.
 */
function scan(found: Found, kind: 'braces' | 'angles', stretch: Stretch, chat: boolean, notation: boolean): void {
  const {file, text, offsets, spans} = found
  const {paragraph, base, slice} = stretch
  const pattern = kind === 'braces' ? BRACES : ANGLES
  pattern.lastIndex = 0
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    if (chat && SPEAKER_BEFORE.test(slice.slice(slice.lastIndexOf('\n', match.index) + 1, match.index))) continue
    const start = base + match.index
    const end = start + match[0].length
    const inner = match[1]!
    // Runs of spaces inside are markup or code the text left out (`{ <code>type</code> }` in HTML):
    // a spinner's brackets hold words as written.
    if (/\s{2}/.test(inner)) continue
    const options = kind === 'braces' ? inner.split('|').map((option) => option.trim()) : [inner.trim()]
    if (!options.every((option) => OPTION.test(option))) continue
    if (notation && options.length === 1) continue
    // One letter in braces is a variable (`{x}`), not a word a spinner protected.
    if (options.length === 1 && options[0]!.length < 2) continue
    if (kind === 'braces' && options.every((option) => TYPE_NAMES.has(option))) continue
    // An address written so robots miss it ("jo (at) example {dot} org"): another of its marks
    // near, on either side, not the bracket itself ("meet me {at} the office" is debris).
    if (
      options.length === 1 &&
      OBFUSCATED.has(options[0]!.toLowerCase()) &&
      (ADDRESS_MARK.test(slice.slice(Math.max(0, match.index - 60), match.index)) ||
        ADDRESS_MARK.test(slice.slice(match.index + match[0].length, match.index + match[0].length + 60)))
    ) {
      continue
    }
    // A word in capitals among lower-case words is a name in code (`<STDIN>`, `{EXPR}`); in a headline it is not.
    if (options.length === 1 && CODE_NAME.test(options[0]!) && /\p{Ll}/u.test(slice.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40))) continue
    if (kind === 'angles' && (isNameTag(options[0]!, slice, match.index) || options.length !== 1 || HTML_TAGS.has(options[0]!.toLowerCase()) || ANGLE_WORDS.has(options[0]!.toLowerCase()) || PLACEHOLDER.test(options[0]!) || TO_FILL_IN.has(options[0]!.split(' ')[0]!.toLowerCase()))) continue
    const from = Math.max(base, start - CONTEXT)
    const prose = proseWindow(paragraph, text, from, Math.min(base + slice.length, end + CONTEXT))
    // Every character of the match must be prose (not markup or code the tree left out).
    if (prose.slice(start - from, end - from) !== match[0]) continue
    const confidence = proseConfidence(prose, start - from, end - from, options.length)
    if (confidence === 0) continue
    const key = match[0].toLowerCase()
    if (!offsets.has(key)) offsets.set(key, start)
    spans.push(start, end)
    const expected = [...new Set(options)]
    report(file, {
      family: 'spintax',
      rule: options.length > 1 ? 'alternatives' : kind === 'braces' ? 'braces' : 'angles',
      start,
      end,
      actual: match[0],
      expected,
      confidence: kind === 'angles' ? confidence * 0.92 : confidence,
      reason: reason(match[0], expected, 'template debris'),
      note:
        options.length > 1
          ? 'Spintax `{a|b|c}` lists the variants a spinner picks from; the first is usually the original.'
          : 'A spinner protects words it must not replace with brackets and sometimes leaves the brackets in.'
    })
  }
}

/**
 * A name in angle brackets is markup, not debris: a news wire tags the
 * companies it names and their tickers (`said <Cityquest Plc>`,
 * `BankAmerica Corp <BAC>`; 1,800 in 6,000 Reuters stories), a mail its
 * senders (`<John Smith>`). A spinner's angle brackets hold the common
 * words it was told to keep (`<hardware>`); only one capitalised word
 * opening a sentence may be one of those.
 */
function isNameTag(inner: string, text: string, at: number): boolean {
  if (!/^\p{Lu}/u.test(inner)) return false
  if (inner.includes(' ') || CODE_NAME.test(inner)) return true
  // Opening a sentence: only white space after the last terminal mark (and its closing quotes), or nothing.
  let end = at
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--
  return !endsSentence(text, 0, end)
}

/**
 * Different bracketed words (one word each, not alternatives) that make a
 * text's own notation. A spinner leaves the words it protected, a few at
 * most, though each as often as the article uses it (`{hardware}`).
 */
const NOTATION = 4

function isNotation(text: string, pattern: RegExp): boolean {
  const seen = new Set<string>()
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match && seen.size < NOTATION; match = pattern.exec(text)) {
    const inner = match[1]!.trim()
    if (!inner.includes('|') && OPTION.test(inner)) seen.add(inner.toLowerCase())
  }
  return seen.size >= NOTATION
}

/**
 * A chat log ("<alice> hi", "[12:01] < bob> hello") names its speakers in
 * angle brackets at the start of its lines: two such lines in a file make
 * the brackets at a line's start a speaker, not a word a spinner protected
 * (one is not enough: a spinner may protect a paragraph's first word).
 */
function isChatLog(text: string): boolean {
  SPEAKER.lastIndex = 0
  let count = 0
  while (count < 2 && SPEAKER.exec(text)) count++
  return count >= 2
}

type Place = {position?: {start: {offset?: number}; end: {offset?: number}}}
type Branch = Place & {type: string; children?: Branch[]; value?: string}

/** Where a paragraph lies in the file: its position, else its first and last placed node's. */
function spanOf(paragraph: Paragraph): [number, number] | undefined {
  const start = paragraph.position?.start.offset
  const end = paragraph.position?.end.offset
  if (start !== undefined && end !== undefined) return [start, end]
  let first: number | undefined
  let last: number | undefined
  visit(paragraph, (node) => {
    if ('children' in node || node.position?.start.offset === undefined || node.position.end.offset === undefined) return
    first ??= node.position.start.offset
    last = node.position.end.offset
  })
  return first !== undefined && last !== undefined && last > first ? [first, last] : undefined
}

/**
 * The file's `text[from..to)` as the paragraph's tree has it: what its
 * leaves cover, with white space, code (`SourceNode`) and whatever no leaf
 * covers blanked to spaces (line breaks kept). Children are searched by
 * position, so a window in a long paragraph costs only the nodes in it.
 */
function proseWindow(paragraph: Paragraph, text: string, from: number, to: number): string {
  let value = ''
  let at = from
  const leaf = (start: number, end: number, code: boolean) => {
    const clippedStart = Math.max(start, from, at)
    const clippedEnd = Math.min(end, to)
    // Outside the window, or out of order (a parser that patched positions): keep what is ahead.
    if (clippedEnd <= clippedStart) return
    if (clippedStart > at) value += blank(text.slice(at, clippedStart))
    const part = text.slice(clippedStart, clippedEnd)
    value += code ? blank(part) : part
    at = clippedEnd
  }
  const visit = (node: Branch) => {
    const children = node.children
    // A sentence of unspin's parser without nodes (`tokensOnly`): its tokens are its leaves.
    const view = (node as unknown as SentenceWithTokens)[TOKENS]
    if (children && children.length === 0 && view && view.tokens.length > 0) {
      const tokens = view.tokens
      for (let index = lowerBound(0, tokens.length, from + 1, (at) => tokens[at]!.end); index < tokens.length; index++) {
        const token = tokens[index]!
        if (token.start >= to) break
        leaf(token.start, token.end, false)
      }
      return
    }
    if (children) {
      for (let index = firstEndingAfter(children, from); index < children.length; index++) {
        const start = children[index]!.position?.start.offset
        if (start !== undefined && start >= to) break
        visit(children[index]!)
      }
      return
    }
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    leaf(start, end, node.type === 'SourceNode' || node.type === 'WhiteSpaceNode')
  }
  visit(paragraph as unknown as Branch)
  return at < to ? value + blank(text.slice(at, to)) : value
}

/** The first child that ends after `offset` (children are in document order); 0 where a child has no place. */
function firstEndingAfter(children: readonly Place[], offset: number): number {
  let low = 0
  let high = children.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const end = children[middle]!.position?.end.offset
    if (end === undefined) return 0
    if (end <= offset) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * A line of a block of code whatever its language: it opens a block at its
 * end or closes one at its start (Tcl's `proc Text_Selection {} {`, C, Go,
 * CSS), reads a variable (`$args`), or gives two long options with a single
 * dash (`-background {PaleGoldenrod} -relief sunken`). Prose ends a line
 * with a word or a mark, and spinner debris (`{hardware}`) does not open a
 * block.
 */
const BLOCK_LINE = /\{\s*$|^\s*\}|\$[A-Za-z_]|(?:^|\s)-[a-z]{2,}\s+\S+\s+-[a-z]{2,}\b/
/**
 * A line of code or of a command's usage: assignments, arrows, URLs,
 * keywords, `#include`, command options (`--args`, `-v`) and usage
 * brackets (`[options]`, `[file...]`; not an editor's elision `[...]`).
 */
const CODE_LINE = /[=;`\\$]|=>|:\/\/|\b(?:function|const|var|let|return|import|class)\b|#include\b|(?:^|\s)--[a-z][\w-]*|(?:^|\s)-[a-zA-Z](?=\s|$)|\[(?:options?|\w[^\]\n]*\.\.\.)\]/

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char)
}

function blank(value: string): string {
  return value === ' ' ? value : value.replace(/[^\r\n]/g, ' ')
}

/** How surely the brackets at `start..end` of a paragraph's prose sit in prose: 0 where they could be code, a URL or maths. */
function proseConfidence(text: string, start: number, end: number, options: number): number {
  const before = start > 0 ? text.charAt(start - 1) : ' '
  const after = end < text.length ? text.charAt(end) : ' '
  if (!SAFE_BEFORE.test(before) || !SAFE_AFTER.test(after)) return 0
  // `{{name}}` is a template language, not spinner debris.
  if (before === '{' || after === '}') return 0
  // Part of a name: `xmlsec1-<engine>`, `python-<pkg>-whl`.
  if ((before === '-' && isWordChar(text.charAt(start - 2))) || (after === '-' && isWordChar(text.charAt(end + 1)))) return 0
  // Judge the surroundings within the line, but never more than a window of
  // it: a 10 MB single-line file must not make every match read the whole line.
  const windowStart = Math.max(0, start - CONTEXT)
  const from = windowStart + text.slice(windowStart, start).lastIndexOf('\n') + 1
  const following = text.slice(end, end + CONTEXT)
  const newline = following.indexOf('\n')
  const to = newline === -1 ? end + following.length : end + newline
  const line = text.slice(from, to)
  if (CODE_LINE.test(line) || BLOCK_LINE.test(line)) return 0
  // A line of a block of code between two prose paragraphs ("set exmh(ctype) {dist}" under
  // "proc HD_Dist_Silently { args } {"): the lines right above and below it say so.
  const above = from > 0 ? text.slice(text.lastIndexOf('\n', from - 2) + 1, from - 1) : ''
  const below = to < text.length ? text.slice(to + 1, (text.indexOf('\n', to + 1) + 1 || text.length + 1) - 1) : ''
  if (BLOCK_LINE.test(above) || BLOCK_LINE.test(below)) return 0
  const wordsAround =
    (text.slice(from, start).match(/\p{L}+/gu) ?? []).length + (text.slice(end, to).match(/\p{L}+/gu) ?? []).length
  if (wordsAround < 3) return options > 1 ? 0.8 : 0.6
  return options > 1 ? 0.97 : 0.92
}
