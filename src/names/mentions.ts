/**
 * Name mentions in a text: runs of capitalised tokens the English
 * dictionary does not know as lower-case words ("Svyatlana Tsikhanouskaya",
 * "Zichanouskaya’s", "Rimsky-Korsakov", a dateline "WARSAW"), with
 * middle initials ("Aleksandr G. Lukashenko") and particles ("van", "de")
 * allowed inside a run.
 */
import type {Root} from 'nlcst'
import {sentenceTokens, type Token} from '../core/tokens.js'
import type {Dictionary} from './dictionary.js'

export interface NameToken {
  /** The word as written, possessive included. */
  text: string
  /** The name as written, without the possessive. */
  name: string
  /** The possessive as written (`’s`, `'s`) or `''`. */
  suffix: string
  /** The spelling, case folded away for all-caps text: `WARSAW` → `Warsaw`. */
  spelling: string
  caps: 'upper' | 'title' | 'other'
  /** UTF-16 offsets of `text`. */
  start: number
  end: number
}

export interface Mention {
  /** The name tokens of the run, initials and particles left out. */
  tokens: NameToken[]
  /** The first token of a multi-word name (the given name). */
  given?: NameToken
  /** The last token: surname or place name. */
  head: NameToken
  /**
   * Written right after a word that joins the words of a name in another
   * language ("Banco do Brasil", "Lyonnaise des Eaux", "Justitia et Pax"):
   * a word of a longer foreign name, spelled as its language spells it.
   */
  foreign?: true
}

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'la', 'le', 'di', 'da', 'du', 'bin', 'ibn', 'al', 'el', 'dos', 'del', 'ter'])
/**
 * Words that join the words of a name in the languages news quotes names in
 * (Portuguese do, das; French des; Italian della, dei; Spanish y; e, et,
 * und), where the particles of surnames (de, van, dos Santos) are not
 * joiners: between two names, the name after one is a word of a longer name
 * in that language. A given name's "das" or "della" (Maria das Graças, Luca
 * della Robbia) is taken for one too, which only leaves that surname alone.
 */
const JOINERS = new Set(['do', 'das', 'des', 'della', 'delle', 'dei', 'degli', 'y', 'e', 'et', 'und'])
/**
 * Titles written before a name ("Mr Harman", "Sen. Spann"): not a given name
 * (two people called Mr would agree) and, alone, not a name at all.
 */
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Mx', 'Messrs', 'Dr', 'Prof', 'Rev', 'Fr', 'Sr', 'Sra', 'Srta', 'Jr', 'Hon', 'Sen', 'Rep', 'Gov', 'Gen', 'Col', 'Capt', 'Lt', 'Sgt', 'Cpl', 'Maj', 'Adm', 'Cmdr', 'Supt', 'Insp', 'Mme', 'Mlle', 'Mgr'])
const POSSESSIVE = /['’][sS]$/u
const NAME_SHAPE = /^\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*$/u
const INITIAL = /^\p{Lu}\.$/u
const ROMAN = /^[IVXLC]+$/
/**
 * Names are compared by their romanisation (`fold.ts`): a word in another
 * script has none, and two such words (Armenian "Բարեւ", Russian "Русский")
 * would fold alike, to nothing.
 */
const LATIN = /^[\p{Script=Latin}\p{M}'’\-]+$/u
/** A key chord as manuals write it (CTRL-Z, Ctrl-T, ALT-F), not a name. */
const KEY_CHORD = /^(?:\p{Lu}{2,}|Ctrl|Alt|Shift|Cmd|Meta|Super|Fn)-[\p{Lu}\p{N}]$/u
const ACRONYM_PLURAL = /^\p{Lu}{2,}s$/u
/** Runs longer than this are lists or headlines, not one name. */
const MAX_RUN = 3
const CAPITAL = /^\p{Lu}/u

export function extractMentions(tree: Root, dictionary: Dictionary): Mention[] {
  const mentions: Mention[] = []
  const shapeOf = renewedShapes(dictionary).of
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      let run: NameToken[] = []
      let pending = 0 // initials or particles since the last name token
      let words = 0
      let lastName = false // the word before this token was a name
      let joiner = false // the word before this token joined the words of a name ("Banco do")
      let foreign = false // the run opened right after such a joining word
      for (const token of sentenceTokens(sentence)) {
        const joined = run.length > 0 && token.spaced
        const afterJoiner = joiner
        joiner = false
        if (token.kind !== 'word') {
          if (run.length > 0) {
            addRun(run, mentions, foreign)
            run = []
          }
          pending = 0
          lastName = false
          continue
        }
        const value = token.value
        const first = words++ === 0
        const name = nameAt(value, token.start, token.end, shapeOf)
        if (name) {
          if (!joined && run.length > 0) {
            addRun(run, mentions, foreign)
            run = []
          }
          if (run.length === 0) foreign = token.spaced && afterJoiner
          run.push(name)
          pending = 0
          lastName = true
          // A possessive ends the name: "Putin’s Belarusian accomplice".
          if (name.suffix) {
            addRun(run, mentions, foreign)
            run = []
          }
          continue
        }
        // Only between two names: English "do" stands elsewhere too ("What do Reagan's critics
        // want?"). A capitalised word that is no name of a person or place counts (GM do Brasil),
        // but not the first of a sentence.
        joiner = lastName && token.spaced && JOINERS.has(value)
        lastName = !first && startsCapital(value)
        if (joined && pending < 2 && (INITIAL.test(value) || PARTICLES.has(value))) {
          pending++
          continue
        }
        if (run.length > 0) {
          addRun(run, mentions, foreign)
          run = []
        }
        pending = 0
      }
      if (run.length > 0) addRun(run, mentions, foreign)
    }
  }
  return mentions
}

/**
 * Mentions as a corpus pass keeps them until every file was read: six
 * integers a mention in one typed array, the offsets of its head and given
 * name as the tree gave them (-1, -1 for no given name) and the numbers of
 * their shapes in the list of the dictionary's table of shapes (`shapes`),
 * which holds each name it met once. Kept objects survive the young generation of the
 * garbage collector and are copied on the way out, and a corpus has tens
 * of thousands of mentions; integers cost next to nothing, and clustering
 * reads a mention's spellings from its shapes, making a token only for a
 * proposal. Middle names are left out: clustering reads heads and given
 * names only.
 */
export interface PackedMentions {
  mentions: Int32Array
  shapes: readonly NameShape[]
}

/** Integers a packed mention takes (see `PackedMentions`). */
export const PACKED = 6

export function packMentions(mentions: readonly Mention[], dictionary: Dictionary): PackedMentions {
  const table = shapesFor(dictionary)
  // A token's text is its shape's own string (see `nameAt`): looked up without hashing it again.
  const id = (token: NameToken) => {
    const shape = table.of(token.text)
    if (!shape) throw new Error(`not a name to this dictionary: ${token.text}`)
    return shape.id
  }
  const packed = new Int32Array(mentions.length * PACKED)
  let at = 0
  for (const {head, given, foreign} of mentions) {
    packed[at] = head.start
    // A word of a foreign name keeps its flag as the complement of its end (negative).
    packed[at + 1] = foreign ? ~head.end : head.end
    packed[at + 2] = given ? given.start : -1
    packed[at + 3] = given ? given.end : -1
    packed[at + 4] = id(head)
    packed[at + 5] = given ? id(given) : -1
    at += PACKED
  }
  // Read after the last look-up: a look-up adds to it the shape of a word a renewed table forgot.
  return {mentions: packed, shapes: table.list}
}

/** The name token of a packed mention's head (`given` false) or given name (`undefined`: it has none). */
export function packedToken(packed: PackedMentions, index: number, given: boolean): NameToken | undefined {
  const at = index * PACKED
  const shape = packed.shapes[packed.mentions[at + (given ? 5 : 4)]!]
  if (!shape) return undefined
  const start = packed.mentions[at + (given ? 2 : 0)]!
  const end = given ? packed.mentions[at + 3]! : packed.mentions[at + 1]!
  return tokenOf(shape, start, end < 0 ? ~end : end)
}

/** The mentions `packMentions` kept, as `extractMentions` found them (without middle names). */
export function unpackMentions(packed: PackedMentions): Mention[] {
  const mentions: Mention[] = []
  for (let index = 0; index < packed.mentions.length / PACKED; index++) {
    const head = packedToken(packed, index, false)!
    const given = packedToken(packed, index, true)
    // Flat literals (see the parser): a nested one is built by V8's runtime until this is optimised.
    const tokens = given ? [given, head] : [head]
    const mention: Mention = given ? {tokens, given, head} : {tokens, head}
    if (packed.mentions[index * PACKED + 1]! < 0) mention.foreign = true
    mentions.push(mention)
  }
  return mentions
}

function addRun(run: NameToken[], mentions: Mention[], foreign: boolean) {
  // Only the word after the joining word is the foreign name's; a name after it is a name of
  // its own ("Banco do Brasil Camilo Calazans": Brasil, then Camilo Calazans).
  if (foreign) {
    mentions.push({tokens: [run[0]!], head: run[0]!, foreign: true})
    if (run.length > 1) addRun(run.slice(1), mentions, false)
    return
  }
  if (run.length > MAX_RUN) {
    for (const token of run) mentions.push({tokens: [token], head: token})
    return
  }
  const mention: Mention = {tokens: run, head: run[run.length - 1]!}
  if (run.length > 1) mention.given = run[0]
  mentions.push(mention)
}

/**
 * What a word says as a name, whatever its offsets, numbered in its
 * dictionary's table (`PackedMentions` keeps the number).
 */
export interface NameShape extends Omit<NameToken, 'start' | 'end'> {
  id: number
}
/** `null`: not a name. */
type Shape = NameShape | null

/** Per dictionary, the shape of every word seen (names and words repeat), and every name's by number. */
interface ShapeTable {
  of: (text: string) => Shape
  seen: Map<string, Shape>
  list: NameShape[]
}
const shapes = new WeakMap<Dictionary, ShapeTable>()

function shapesFor(dictionary: Dictionary): ShapeTable {
  let found = shapes.get(dictionary)
  if (!found) {
    const table: ShapeTable = {
      of(text) {
        let shape = table.seen.get(text)
        if (shape === undefined) {
          shape = nameShape(text, dictionary)
          if (shape) {
            shape.id = table.list.length
            table.list.push(shape)
          }
          table.seen.set(text, shape)
        }
        return shape
      },
      seen: new Map(),
      list: []
    }
    found = table
    shapes.set(dictionary, found)
  }
  return found
}

/**
 * Words a table holds before it starts again (a process that checks text
 * for ever would otherwise keep every word it met).
 */
export const SHAPES_KEPT = 200_000

/**
 * `shapesFor`, started again if full, before a text is read. A new table
 * has a new list of names; mentions packed with the old one keep theirs.
 */
function renewedShapes(dictionary: Dictionary): ShapeTable {
  const table = shapesFor(dictionary)
  if (table.seen.size >= SHAPES_KEPT) {
    table.seen.clear()
    table.list = []
  }
  return table
}

/** Whether a word starts with a capital: ASCII by its code, anything else by its letter's case. */
function startsCapital(value: string): boolean {
  const first = value.charCodeAt(0)
  return first < 128 ? first >= 65 && first <= 90 : CAPITAL.test(value)
}

/** The token as a name, or undefined when it is an ordinary word, an initialism or a number. */
export function nameToken(token: Pick<Token, 'value' | 'start' | 'end'>, dictionary: Dictionary): NameToken | undefined {
  return nameAt(token.value, token.start, token.end, renewedShapes(dictionary).of)
}

function nameAt(text: string, start: number, end: number, shapeOf: (text: string) => Shape): NameToken | undefined {
  // Cheap reject: a name starts with an upper-case letter (never ASCII a-z, digits, marks).
  if (text.length < 2) return undefined
  const first = text.charCodeAt(0)
  if (first < 128 && (first < 65 || first > 90)) return undefined
  const shape = shapeOf(text)
  if (shape === null) return undefined
  return tokenOf(shape, start, end)
}

function tokenOf(shape: NameShape, start: number, end: number): NameToken {
  return {text: shape.text, name: shape.name, suffix: shape.suffix, spelling: shape.spelling, caps: shape.caps, start, end}
}

function nameShape(text: string, dictionary: Dictionary): Shape {
  const possessive = POSSESSIVE.exec(text)
  const name = possessive ? text.slice(0, possessive.index) : text
  if (name.length < 2 || !NAME_SHAPE.test(name) || ROMAN.test(name) || !LATIN.test(name) || KEY_CHORD.test(name) || TITLES.has(name)) return null
  // The plural of an acronym ("LEDs", "CEOs", "MPs") is no name.
  if (ACRONYM_PLURAL.test(name)) return null
  const lower = name.toLowerCase()
  if (dictionary.isWord(lower)) return null
  const parts = lower.split(/['’\-]/u)
  if (parts.length > 1) {
    // "Soviet-era" and "Russian-enabled" are compounds, not names.
    if (name.split(/['’\-]/u).some((part) => !/^\p{Lu}/u.test(part) && part.length > 1)) return null
    if (parts.every((part) => dictionary.isWord(part))) return null
  }
  const upper = name === name.toUpperCase()
  return {
    text,
    name,
    suffix: possessive ? possessive[0] : '',
    spelling: upper && name.length > 1 ? titleCase(name) : name,
    caps: upper ? 'upper' : /^\p{Lu}[^\p{Lu}]*$/u.test(name) ? 'title' : 'other',
    id: -1
  }
}

export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[-'’\s])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
}

/** Write `spelling` in the case of `like` (all caps stay all caps). */
export function matchCase(spelling: string, like: NameToken): string {
  return like.caps === 'upper' ? spelling.toUpperCase() : spelling
}
