/**
 * Flat token views of an nlcst tree: what plugins match against. unspin's
 * parser records each sentence's view as it goes (a `tokensOnly` tree has
 * no nodes to read it from); for any other tree (retext-english inside
 * remark-retext) the view is built from node positions.
 */
import type {Paragraph, Root, Sentence, SentenceContent} from 'nlcst'
import {toString} from 'nlcst-to-string'

export interface Token {
  kind: 'word' | 'punctuation' | 'symbol'
  /** Text as written. */
  value: string
  /** Lower case, with ’ folded to ' so rules need one spelling. */
  norm: string
  /** `norm` without a word's trailing dot: "U.Ok." and "U.Ok" look alike to rules. */
  key: string
  /** `hashKey(key)`: rules are looked up by it, which costs less than hashing a new string. */
  hash: number
  start: number
  end: number
  /** Whitespace separates this token from the previous one. */
  spaced: boolean
}

// Arrays rather than generators: every plugin walks every sentence, and a
// generator's resumption costs more than the walk itself.
export function paragraphs(tree: Root): Paragraph[] {
  const found: Paragraph[] = []
  for (const child of tree.children) {
    if (child.type === 'ParagraphNode') found.push(child)
  }
  return found
}

export function sentences(tree: Root): Sentence[] {
  const found: Sentence[] = []
  for (const child of tree.children) {
    if (child.type !== 'ParagraphNode') continue
    for (const node of child.children) {
      if (node.type === 'SentenceNode') found.push(node)
    }
  }
  return found
}

export function normalize(value: string): string {
  // Hot path: most words are lower-case ASCII already, and a scan of their
  // character codes costs less than lower-casing them.
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if ((code >= 65 && code <= 90) || code >= 128) {
      const lower = value.toLowerCase()
      return lower.includes('’') ? lower.replace(/’/g, "'") : lower
    }
  }
  return value
}

/**
 * Where a parser that builds token views as it goes (unspin's does) keeps
 * a sentence's view: under a symbol key, which JSON and `Object.keys` skip
 * (deep-equality checks do see it). A WeakMap would do too, but costs the
 * garbage collector far more per sentence.
 */
export const TOKENS: unique symbol = Symbol('unspin.tokens')

/**
 * A token view and the children it was made from: a plugin that changes the
 * sentence before ours (a new children array, or one of another length)
 * makes the view stale, and it is built again from the nodes.
 */
export interface TokenView {
  tokens: readonly Token[]
  children: readonly SentenceContent[]
  length: number
}

export type SentenceWithTokens = Sentence & {[TOKENS]?: TokenView}

/** Views built here for trees from other parsers, shared by the plugins that ask. */
const built = new WeakMap<Sentence, TokenView>()

/**
 * The tokens of one sentence, white space folded into `spaced`: the view
 * its parser recorded, else one built from the nodes (any nlcst parser).
 * Shared between plugins: don't change it.
 */
export function sentenceTokens(sentence: Sentence): readonly Token[] {
  const recorded = (sentence as SentenceWithTokens)[TOKENS]
  if (recorded && fresh(recorded, sentence)) return recorded.tokens
  const known = built.get(sentence)
  if (known && fresh(known, sentence)) return known.tokens
  const tokens = buildTokens(sentence)
  built.set(sentence, {tokens, children: sentence.children, length: sentence.children.length})
  return tokens
}

function fresh(view: TokenView, sentence: Sentence): boolean {
  return view.children === sentence.children && view.length === sentence.children.length
}

function buildTokens(sentence: Sentence): Token[] {
  const tokens: Token[] = []
  let spaced = false
  for (const node of sentence.children as SentenceContent[]) {
    if (node.type === 'WhiteSpaceNode') {
      spaced = true
      continue
    }
    if (!node.position) continue
    const word = node.type === 'WordNode'
    const value = word ? wordValue(node) : 'value' in node ? node.value : ''
    // Punctuation and symbols have no case to fold (hot path: skip the call).
    const norm = word ? normalize(value) : value
    const key = word ? wordKey(norm) : norm
    tokens.push({
      kind: word ? 'word' : node.type === 'SymbolNode' ? 'symbol' : 'punctuation',
      value,
      norm,
      key,
      hash: hashKey(key),
      start: node.position.start.offset!,
      end: node.position.end.offset!,
      spaced
    })
    spaced = false
  }
  return tokens
}

/**
 * A 30-bit hash of a key (see `SMALL_HASH`). Looking a fresh string up in
 * a Map makes V8 hash it outside the compiled code; an integer computed
 * here is cheaper, and most words are in no rule, so most lookups end at
 * the integer.
 */
export function hashKey(key: string): number {
  let hash = 0
  for (let index = 0; index < key.length; index++) hash = (Math.imul(hash, 31) + key.charCodeAt(index)) | 0
  return hash & SMALL_HASH
}

/**
 * A hash is kept to 30 bits: V8 stores an integer of up to 31 bits in the
 * token itself, and a larger one (half of all 32-bit hashes) as a number
 * object of its own, one allocation per token, and a slower key in a map.
 */
export const SMALL_HASH = 0x3fffffff

/** A normalised word without its trailing dot: "u.ok." and "u.ok" look alike to rules. */
export function wordKey(norm: string): string {
  return norm.length > 1 && norm.charCodeAt(norm.length - 1) === 46 ? norm.slice(0, -1) : norm
}

export function wordValue(node: Extract<SentenceContent, {type: 'WordNode'}>): string {
  // unspin's parser keeps a word in one text node; other parsers split it.
  const only = node.children.length === 1 ? node.children[0] : undefined
  return only && only.type === 'TextNode' ? only.value : toString(node)
}

export function isCapitalised(value: string): boolean {
  const first = value.codePointAt(0)
  if (first === undefined) return false
  const char = String.fromCodePoint(first)
  return char !== char.toLowerCase()
}
