/**
 * Name mentions in a text: runs of capitalised tokens the English
 * dictionary does not know as lower-case words ("Svyatlana Tsikhanouskaya",
 * "Zichanouskaya’s", "Rimsky-Korsakov", a dateline "WARSAW"), with
 * middle initials ("Aleksandr G. Lukashenko") and particles ("van", "de")
 * allowed inside a run.
 */
import type {Root} from 'nlcst'
import {sentences, sentenceTokens, type Token} from '../core/tokens.js'
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
}

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'la', 'le', 'di', 'da', 'du', 'bin', 'ibn', 'al', 'el', 'dos', 'del', 'ter'])
const POSSESSIVE = /['’][sS]$/u
const NAME_SHAPE = /^\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*$/u
const INITIAL = /^\p{Lu}\.$/u
const ROMAN = /^[IVXLC]+$/
/** Runs longer than this are lists or headlines, not one name. */
const MAX_RUN = 3

export function extractMentions(tree: Root, dictionary: Dictionary): Mention[] {
  const mentions: Mention[] = []
  for (const sentence of sentences(tree)) {
    const tokens = sentenceTokens(sentence)
    let run: NameToken[] = []
    let pending = 0 // initials or particles since the last name token
    const flush = () => {
      if (run.length > 0) addRun(run, mentions)
      run = []
      pending = 0
    }
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!
      const joined = run.length > 0 && token.spaced
      if (token.kind !== 'word') {
        flush()
        continue
      }
      const name = nameToken(token, dictionary)
      if (name) {
        if (!joined) flush()
        run.push(name)
        pending = 0
        // A possessive ends the name: "Putin’s Belarusian accomplice".
        if (name.suffix) flush()
        continue
      }
      if (joined && pending < 2 && (INITIAL.test(token.value) || PARTICLES.has(token.value))) {
        pending++
        continue
      }
      flush()
    }
    flush()
  }
  return mentions
}

function addRun(run: NameToken[], mentions: Mention[]) {
  if (run.length > MAX_RUN) {
    for (const token of run) mentions.push({tokens: [token], head: token})
    return
  }
  const mention: Mention = {tokens: run, head: run[run.length - 1]!}
  if (run.length > 1) mention.given = run[0]
  mentions.push(mention)
}

/** The token as a name, or undefined when it is an ordinary word, an initialism or a number. */
export function nameToken(token: Pick<Token, 'value' | 'start' | 'end'>, dictionary: Dictionary): NameToken | undefined {
  const text = token.value
  const possessive = POSSESSIVE.exec(text)
  const name = possessive ? text.slice(0, possessive.index) : text
  if (name.length < 2 || !NAME_SHAPE.test(name) || ROMAN.test(name)) return undefined
  const lower = name.toLowerCase()
  if (dictionary.isWord(lower)) return undefined
  const parts = lower.split(/['’\-]/u)
  if (parts.length > 1) {
    // "Soviet-era" and "Russian-enabled" are compounds, not names.
    if (name.split(/['’\-]/u).some((part) => !/^\p{Lu}/u.test(part) && part.length > 1)) return undefined
    if (parts.every((part) => dictionary.isWord(part))) return undefined
  }
  const upper = name === name.toUpperCase()
  return {
    text,
    name,
    suffix: possessive ? possessive[0] : '',
    spelling: upper && name.length > 1 ? titleCase(name) : name,
    caps: upper ? 'upper' : /^\p{Lu}[^\p{Lu}]*$/u.test(name) ? 'title' : 'other',
    start: token.start,
    end: token.end
  }
}

export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[-'’\s])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
}

/** Write `spelling` in the case of `like` (all caps stay all caps). */
export function matchCase(spelling: string, like: NameToken): string {
  return like.caps === 'upper' ? spelling.toUpperCase() : spelling
}
