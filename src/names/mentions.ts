/**
 * Name mentions in a text: runs of capitalised tokens the English
 * dictionary does not know as lower-case words ("Svyatlana Tsikhanouskaya",
 * "Zichanouskaya’s", "Rimsky-Korsakov", a dateline "WARSAW"), with
 * middle initials ("Aleksandr G. Lukashenko") and particles ("van", "de")
 * allowed inside a run.
 */
import type {Root} from 'nlcst'
import {sentenceTokens, type Token} from '../core/tokens.js'
import {memoize} from '../core/memo.js'
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
  const shapeOf = shapesFor(dictionary)
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
        lastName = !first && CAPITAL.test(value)
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
 * Mentions as a corpus pass keeps them until every file was read: per
 * mention, the offsets of its head and given name (-1, -1 for none) in the
 * file's text, which the file keeps anyway. Kept objects and strings
 * survive the young generation of the garbage collector and are copied on
 * the way out; four integers a mention in one typed array cost next to
 * nothing. Middle names are left out: clustering reads heads and given
 * names only. A tree whose offsets do not point at its words in the text
 * (another parser's, over HTML with entities) keeps the mentions as they
 * are.
 */
export type PackedMentions = Int32Array | Mention[]

export function packMentions(mentions: Mention[], text: string): PackedMentions {
  const at = (token: NameToken) => token.end - token.start === token.text.length && text.startsWith(token.text, token.start)
  if (!mentions.every(({head, given}) => at(head) && (!given || at(given)))) return mentions
  const packed = new Int32Array(mentions.length * 4)
  mentions.forEach(({head, given, foreign}, index) => {
    packed[index * 4] = head.start
    // A word of a foreign name keeps its flag as the complement of its end (negative).
    packed[index * 4 + 1] = foreign ? ~head.end : head.end
    packed[index * 4 + 2] = given ? given.start : -1
    packed[index * 4 + 3] = given ? given.end : -1
  })
  return packed
}

/** The mentions `packMentions` kept of `text`, as `extractMentions` found them (without middle names). */
export function unpackMentions(packed: PackedMentions, text: string, dictionary: Dictionary): Mention[] {
  if (Array.isArray(packed)) return packed
  const shapeOf = shapesFor(dictionary)
  const token = (start: number, end: number) => nameAt(text.slice(start, end), start, end, shapeOf)
  const mentions: Mention[] = []
  for (let index = 0; index < packed.length; index += 4) {
    // Packed only where the text holds the words, so every one is a name again.
    const end = packed[index + 1]!
    const head = token(packed[index]!, end < 0 ? ~end : end)
    if (!head) continue
    const given = packed[index + 2]! === -1 ? undefined : token(packed[index + 2]!, packed[index + 3]!)
    // Flat literals (see the parser): a nested one is built by V8's runtime until this is optimised.
    const tokens = given ? [given, head] : [head]
    const mention: Mention = given ? {tokens, given, head} : {tokens, head}
    if (end < 0) mention.foreign = true
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

/** What a word says as a name, whatever its offsets; `null`: not a name. */
type Shape = Omit<NameToken, 'start' | 'end'> | null

/** Per dictionary, the shape of every word seen: names and words repeat. */
const shapes = new WeakMap<Dictionary, (text: string) => Shape>()

function shapesFor(dictionary: Dictionary): (text: string) => Shape {
  let found = shapes.get(dictionary)
  if (!found) {
    found = memoize((text) => nameShape(text, dictionary))
    shapes.set(dictionary, found)
  }
  return found
}

/** The token as a name, or undefined when it is an ordinary word, an initialism or a number. */
export function nameToken(token: Pick<Token, 'value' | 'start' | 'end'>, dictionary: Dictionary): NameToken | undefined {
  return nameAt(token.value, token.start, token.end, shapesFor(dictionary))
}

function nameAt(text: string, start: number, end: number, shapeOf: (text: string) => Shape): NameToken | undefined {
  // Cheap reject: a name starts with an upper-case letter (never ASCII a-z, digits, marks).
  if (text.length < 2) return undefined
  const first = text.charCodeAt(0)
  if (first < 128 && (first < 65 || first > 90)) return undefined
  const shape = shapeOf(text)
  if (shape === null) return undefined
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
    caps: upper ? 'upper' : /^\p{Lu}[^\p{Lu}]*$/u.test(name) ? 'title' : 'other'
  }
}

export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[-'’\s])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
}

/** Write `spelling` in the case of `like` (all caps stay all caps). */
export function matchCase(spelling: string, like: NameToken): string {
  return like.caps === 'upper' ? spelling.toUpperCase() : spelling
}
