/**
 * A fast English tokenizer that produces nlcst, the syntax tree retext uses.
 *
 * Why not `retext-english`: its parser makes many passes over every token and
 * runs at well under 1 MB/s, slower than everything unspin does with the
 * tree. This one is a single linear scan with the same node types, so every
 * retext plugin (and every unspin plugin) runs on its output, and unspin's
 * plugins run unchanged on retext-english's trees inside remark or rehype.
 * With `tokensOnly` its trees hold only paragraphs, sentences and their
 * tokens: for unspin's own plugins, not for other retext plugins.
 *
 * Differences from parse-english, on purpose: a line break ends a sentence
 * (scraped text is line-oriented: navigation, captions and headlines carry no
 * full stop) unless the line is prose wrapped mid-sentence (see core/wrap.ts),
 * and a word keeps its inner apostrophes, hyphens and initialism dots in one
 * text node.
 */
import type {
  Paragraph,
  Punctuation,
  Root,
  Sentence,
  SentenceContent,
  Symbol as SymbolNode,
  Text,
  WhiteSpace,
  Word
} from 'nlcst'
import type {Point, Position} from 'unist'
import type {Plugin, Processor} from 'unified'
import {hashKey, normalize, SMALL_HASH, TOKENS, type SentenceWithTokens, type Token, type TokenView} from '../core/tokens.js'
import {isCloser, isTerminal, runsOn, wrapWidth} from '../core/wrap.js'

/** Words that end in a period without ending the sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr',
  'adm', 'maj', 'rep', 'sen', 'gov', 'pres', 'rev', 'hon', 'mt', 'ft', 'vs', 'etc', 'no', 'nos',
  'fig', 'figs', 'inc', 'co', 'corp', 'ltd', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'approx', 'dept', 'est', 'vol', 'p', 'pp',
  'ave', 'blvd', 'rd', 'univ', 'assn', 'bros', 'cf', 'al'
])

// One token at a time, by class: word, white space, or a single other
// character. The patterns define the classes; ASCII text, most of what is
// parsed, is scanned by character code with tables built from them.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-.&][\p{L}\p{N}\p{M}]+)*/uy
const SPACE = /\s+/uy
const PUNCTUATION = /^\p{P}$/u
const ASCII_WORD = asciiTable(/[\p{L}\p{N}\p{M}]/u)
const ASCII_SPACE = asciiTable(/\s/u)
const ASCII_PUNCTUATION = asciiTable(PUNCTUATION)
/** Characters that join two runs of letters into one word ("don't", "re-elect", "U.S"). */
const JOINERS = "'’-.&"
const ASCII_JOINER = asciiTable({test: (char: string) => JOINERS.includes(char)})
const isJoiner = (code: number) => (code < 128 ? ASCII_JOINER[code] === 1 : code === 0x2019)
const UPPER_START = /^[\p{Lu}\p{N}“‘"'(\[«¿¡]/u

interface Cursor {
  offset: number
  line: number
  column: number
}

export function parse(text: string, options: ParseOptions = {}): Root {
  shared = undefined
  const lean = options.tokensOnly === true
  const width = wrapWidth(text)
  const cursor: Cursor = {offset: 0, line: 1, column: 1}
  const root: Root = {type: 'RootNode', children: []}
  const start = point(cursor)
  let paragraph: Paragraph | undefined
  let sentence: Sentence | undefined
  // The sentence's token view (see `sentenceTokens`), built here, where every
  // token's value, place and spacing are at hand, instead of by a second walk.
  let tokens: Token[] = []
  let view: TokenView = {tokens, children: [], length: 0}
  let spaced = false
  // A sentence that saw a terminal mark waits for the next word to decide.
  let pendingEnd = false
  // The mark that set `pendingEnd` is an initialism's dot ("U.S."), not a full stop.
  let afterInitialism = false
  // Where the current line starts, to judge a line break by the line it ends.
  let lineStart = 0

  // Where the last token or white space placed in a paragraph or sentence ended (in
  // `tokensOnly` trees, which have no nodes to read it from).
  let endLine = 1
  let endColumn = 1
  let endOffset = 0
  const tokenEnd = (): Point => ({line: endLine, column: endColumn, offset: endOffset})
  const placed = () => {
    endLine = cursor.line
    endColumn = cursor.column
    endOffset = cursor.offset
  }
  /** `advance` over a word or mark without a node (no line break in it). */
  const pass = (value: string) => {
    cursor.offset += value.length
    cursor.column += value.length
    placed()
  }

  const closeSentence = () => {
    if (sentence) {
      view.length = sentence.children.length
      sentence.position!.end = lean ? tokenEnd() : lastEnd(sentence)
      sentence = undefined
    }
    pendingEnd = false
  }

  const closeParagraph = () => {
    closeSentence()
    if (paragraph) {
      paragraph.position!.end = lean ? tokenEnd() : lastEnd(paragraph)
      paragraph = undefined
    }
  }

  while (cursor.offset < text.length) {
    // Most tokens are words: only try the white-space pattern where one can start.
    const code = text.charCodeAt(cursor.offset)
    const spaceEnd = code <= 32 || code === 0xa0 || code >= 0x1680 ? scanSpace(text, cursor.offset) : cursor.offset
    if (spaceEnd > cursor.offset) {
      const from = cursor.offset
      const breaks = countBreaks(text, from, spaceEnd)
      let node: WhiteSpace | undefined
      if (lean) skip(cursor, text, spaceEnd, breaks)
      else {
        const value = text.slice(from, spaceEnd)
        node = {type: 'WhiteSpaceNode', value, position: advance(cursor, value, breaks)}
      }
      // Where the white space goes: the sentence, the paragraph, or the root between paragraphs.
      let parent: Root | Paragraph | Sentence
      if (breaks >= 2) {
        closeParagraph()
        parent = root
      } else if (breaks === 1 && sentence && !pendingEnd && runsOn(text, lineStart, from, spaceEnd, width)) {
        // Prose wrapped mid-sentence: the line break is a space between its words.
        parent = sentence
        spaced = true
      } else if (breaks === 1) {
        // A line break ends the sentence; it stays in the paragraph.
        closeSentence()
        parent = paragraph ?? root
      } else if (pendingEnd) {
        // Decide at the next token whether this space separates sentences.
        const next = text.charAt(cursor.offset)
        if (next && UPPER_START.test(next) && !(afterInitialism && namesOn(text, cursor.offset))) {
          closeSentence()
          parent = paragraph!
        } else {
          pendingEnd = false
          parent = sentence!
          spaced = true
        }
      } else if (sentence) {
        parent = sentence
        spaced = true
      } else {
        parent = paragraph ?? root
      }
      if (node) (parent.children as WhiteSpace[]).push(node)
      // In a paragraph or sentence it is where that ends, if nothing follows it there.
      else if (parent !== root) placed()
      if (breaks > 0) lineStart = cursor.offset - (cursor.column - 1)
      continue
    }

    // Nodes are built from variables, never from literals nested in literals:
    // until V8 has optimised the parser, a nested literal is built by a call
    // into its runtime (once per word, hundreds of thousands of calls in a
    // cold run), a flat one by a fast copy.
    if (!paragraph) {
      const children: Paragraph['children'] = []
      const position = span(point(cursor), point(cursor))
      paragraph = {type: 'ParagraphNode', children, position}
      root.children.push(paragraph)
    }
    if (!sentence) {
      spaced = false
      const children: SentenceContent[] = []
      tokens = []
      view = {tokens, children, length: 0}
      const position = span(point(cursor), point(cursor))
      const node: SentenceWithTokens = {type: 'SentenceNode', children, position, [TOKENS]: view}
      sentence = node
      paragraph.children.push(sentence)
    }

    // ASCII punctuation cannot start a word: skip the (Unicode-aware, slower) word pattern.
    const wordEnd = code >= 128 || ASCII_WORD[code] === 1 ? scanWord(text, cursor.offset) : cursor.offset
    if (wordEnd > cursor.offset) {
      let value = text.slice(cursor.offset, wordEnd)
      // Keep the dot of an initialism or abbreviation in the word ("U.S.", "Mr.", "J.").
      const dot = codeAt(text, wordEnd) === 46 && keepsDot(value)
      if (dot) value += '.'
      const from = cursor.offset
      if (lean) pass(value)
      else {
        const position = advance(cursor, value, 0)
        const textNode: Text = {type: 'TextNode', value, position}
        const children = [textNode]
        const node: Word = {type: 'WordNode', children, position}
        sentence.children.push(node)
      }
      // The key is the word without the dot it kept: the characters `scanWord` hashed.
      const norm = scanned.hash !== undefined && scanned.plain ? value : normalize(value)
      const key = dot ? norm.slice(0, -1) : norm
      const hash = scanned.hash ?? hashKey(key)
      tokens.push({kind: 'word', value, norm, key, hash, start: from, end: cursor.offset, spaced})
      spaced = false
      afterInitialism = false
      if (dot && !ABBREVIATIONS.has(value.slice(0, -1).toLowerCase())) {
        // "in the U.S. The" ends a sentence; "Mr. Smith" does not, nor "the U.S. Senate"
        // (see `namesOn`).
        pendingEnd = value.length > 2
        afterInitialism = pendingEnd
      }
      continue
    }

    const value = code < 128 ? text.charAt(cursor.offset) : String.fromCodePoint(text.codePointAt(cursor.offset)!)
    const mark = code < 128 ? ASCII_PUNCTUATION[code] === 1 : PUNCTUATION.test(value)
    const from = cursor.offset
    if (lean) pass(value)
    else {
      const position = advance(cursor, value, 0)
      const node: Punctuation | SymbolNode = mark
        ? {type: 'PunctuationNode', value, position}
        : {type: 'SymbolNode', value, position}
      sentence.children.push(node)
    }
    tokens.push({kind: mark ? 'punctuation' : 'symbol', value, norm: value, key: value, hash: hashKey(value), start: from, end: cursor.offset, spaced})
    spaced = false
    // A mark is one character: its code says what it is, without a pattern per token.
    afterInitialism = false
    if (mark && isTerminal(code)) pendingEnd = true
    else if (!(mark && isCloser(code) && pendingEnd)) pendingEnd = false
  }

  closeParagraph()
  root.position = span(start, point(cursor))
  return root
}

export interface ParseOptions {
  /**
   * Record each sentence's tokens (see `sentenceTokens`) but build no word,
   * white-space or mark nodes: paragraphs hold their sentences, and a
   * sentence holds no nodes, only its places and its tokens. For a chain of
   * unspin's own plugins, which read only the tokens, and whose tree no one
   * else sees: the nodes are most of what a parse allocates.
   */
  tokensOnly?: boolean
}

/** The unified plugin: `unified().use(unspinParse)` instead of `retext-english`. */
const unspinParse: Plugin<[ParseOptions?], string, Root> = function (options = {}) {
  // unified types `this` loosely for parser plugins; the cast names what it is.
  ;(this as unknown as Processor<Root>).parser = (text: string) => parse(text, options)
}

export default unspinParse

/**
 * Words that go on with an initialism's name inside a sentence: "the U.S.
 * Senate", "the U.N. Security Council", "the U.K. Treasury", "the E.U.
 * Commission". After a dotted initialism any other capitalised word starts
 * a new sentence ("in the U.S. The company said", "at 7 p.m. Tickets are
 * on sale"), as before: a list of what continues, not of what starts,
 * since almost any word can start a sentence. A number goes on too ("the
 * U.S. 10-year note").
 */
const NAME_GOES_ON = new Set([
  'senate', 'house', 'congress', 'capitol', 'president', 'presidency', 'administration', 'government',
  'army', 'navy', 'air', 'marine', 'marines', 'military', 'forces', 'troops', 'coast', 'space', 'special',
  'central', 'command', 'defense', 'defence', 'treasury', 'department', 'embassy', 'consulate', 'mission',
  'ambassador', 'envoy', 'secretary', 'attorney', 'district', 'supreme', 'court', 'courts', 'federal',
  'justice', 'commerce', 'trade', 'labor', 'labour', 'energy', 'agriculture', 'interior', 'health',
  'education', 'transportation', 'homeland', 'veterans', 'intelligence', 'census', 'postal', 'customs',
  'border', 'immigration', 'geological', 'securities', 'environmental', 'food', 'patent', 'copyright',
  'chamber', 'open', 'dollar', 'dollars', 'economy', 'steel', 'security', 'general', 'human', 'high',
  'commission', 'commissioner', 'council', 'parliament', 'foreign', 'home', 'office', 'prime', 'bank',
  'agency', 'forest', 'fish', 'wildlife', 'mint', 'national', 'citizenship', 'olympic'
])

/** Whether the word at `start` goes on with the name of an initialism before it (see `NAME_GOES_ON`). */
function namesOn(text: string, start: number): boolean {
  let end = start
  while (end < text.length && end - start < 16 && ASCII_WORD[text.charCodeAt(end)] === 1) end++
  if (end === start) return false
  const first = text.charCodeAt(start)
  if (first >= 48 && first <= 57) return true
  return NAME_GOES_ON.has(text.slice(start, end).toLowerCase())
}

function keepsDot(value: string): boolean {
  if (value.includes('.')) return true // initialism: U.S, Ok.G.B
  if (value.length === 1) return /\p{Lu}/u.test(value) // an initial: "J."
  return ABBREVIATIONS.has(value.toLowerCase())
}

function asciiTable(pattern: {test(char: string): boolean}): Uint8Array {
  const table = new Uint8Array(128)
  for (let code = 0; code < 128; code++) table[code] = pattern.test(String.fromCharCode(code)) ? 1 : 0
  return table
}

/**
 * End of the word starting at `start` (`start` itself if none): WORD, by
 * character code while the text is ASCII, by the pattern where it is not.
 * On the ASCII path it also leaves the word's `hashKey` in `scanned` (the
 * hash of its lower-cased key, computed in the same loop) and whether the
 * word is its own key (no capital, no curly apostrophe).
 */
function scanWord(text: string, start: number): number {
  let end = start
  let hash = 0
  let plain = true
  for (;;) {
    let code = codeAt(text, end)
    while (code < 128 && ASCII_WORD[code] === 1) {
      if (code <= 90 && code >= 65) {
        plain = false
        code += 32
      }
      hash = (Math.imul(hash, 31) + code) | 0
      code = codeAt(text, ++end)
    }
    if (code >= 128 && code !== 0x2019) return wordByPattern(text, start)
    if (end === start || !isJoiner(code)) break
    const next = codeAt(text, end + 1)
    if (next >= 128) return wordByPattern(text, start)
    if (ASCII_WORD[next] !== 1) break
    if (code === 0x2019) {
      plain = false
      code = 39
    }
    hash = (Math.imul(hash, 31) + code) | 0
    end++
  }
  scanned.hash = hash & SMALL_HASH
  scanned.plain = plain
  return end
}

/**
 * The character code at `index`, and 0 (NUL, which is neither word, joiner
 * nor space) past the end: reading past the end of a string gives NaN and
 * throws the optimised scanners back to the interpreter, on every file's
 * last word until V8 recompiles them.
 */
function codeAt(text: string, index: number): number {
  return index < text.length ? text.charCodeAt(index) : 0
}

/** What `scanWord` learnt of the word it last scanned by character code (`hash` undefined: by pattern). */
const scanned: {hash: number | undefined; plain: boolean} = {hash: undefined, plain: false}

function wordByPattern(text: string, start: number): number {
  scanned.hash = undefined
  WORD.lastIndex = start
  return WORD.exec(text) ? WORD.lastIndex : start
}

/** End of the white space starting at `start` (`start` itself if none). */
function scanSpace(text: string, start: number): number {
  let end = start
  let code = codeAt(text, end)
  while (code < 128 && ASCII_SPACE[code] === 1) code = codeAt(text, ++end)
  if (code < 128) return end
  SPACE.lastIndex = start
  return SPACE.exec(text) ? SPACE.lastIndex : start
}

/** Line breaks in `text[from..to)` (white space: CRLF is one). */
function countBreaks(text: string, from: number, to: number): number {
  let count = 0
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13 && (index + 1 === to || text.charCodeAt(index + 1) !== 10)) count++
    else if (code === 0x2029 || code === 0x2028) count++
  }
  return count
}

/** `advance` over white space without a node: only the cursor moves. */
function skip(cursor: Cursor, text: string, to: number, breaks: number): void {
  if (breaks === 0) {
    cursor.column += to - cursor.offset
  } else {
    cursor.line += breaks
    // As `advance` counts: from the last \n or \r of the white space (U+2028 and U+2029 count
    // as breaks, not here). Looked for within it: `lastIndexOf` would search the text before
    // it for a \r that most texts lack, at every line break.
    let last = to - 1
    while (last >= cursor.offset && text.charCodeAt(last) !== 10 && text.charCodeAt(last) !== 13) last--
    cursor.column = to - last
  }
  cursor.offset = to
}

function span(start: Point, end: Point): Position {
  return {start, end}
}

function point(cursor: Cursor): Point {
  return {line: cursor.line, column: cursor.column, offset: cursor.offset}
}

/**
 * Positions of adjacent nodes share their boundary point: one object fewer
 * per token, which matters because allocation, not scanning, is what a
 * parse of many MB spends its time on.
 */
let shared: Point | undefined

function advance(cursor: Cursor, value: string, breaks: number): Position {
  const start = shared && shared.offset === cursor.offset ? shared : point(cursor)
  cursor.offset += value.length
  if (breaks === 0) {
    cursor.column += value.length
  } else {
    cursor.line += breaks
    const lastBreak = Math.max(value.lastIndexOf('\n'), value.lastIndexOf('\r'))
    cursor.column = value.length - lastBreak
  }
  shared = point(cursor)
  return {start, end: shared}
}

function lastEnd(node: Paragraph | Sentence): Point {
  const children = node.children as Array<SentenceContent | Sentence | WhiteSpace>
  const last = children[children.length - 1]
  return last?.position ? last.position.end : node.position!.start
}
