/**
 * What the English dictionary knows. A capitalised token is a name when the
 * dictionary does not know it as a lower-case word: "Minsk", "Kyiv" and
 * "Lukashenko" are names, "President", "Daily" and "Mark" are not (a
 * missed name costs less than a rewritten word). The dictionary only ever
 * answers "is this an English word": its suggestions turn Kyiv into Kiev
 * and Zelensky into Kerensky, so `suggest()` is never called.
 */
import {englishSpeller} from '../core/speller.js'
import {memoize} from '../core/memo.js'

export interface Dictionary {
  /** The lower-case word is an English word (not only a proper noun). */
  isWord(lower: string): boolean
  /** The spelling as written is in the dictionary (a conventional English form: Alexander, Kiev). */
  knows(spelling: string): boolean
}

let shared: Dictionary | undefined

/** One dictionary per process, made when a plugin first asks (see `englishSpeller`). */
export function englishDictionary(): Dictionary {
  shared ??= createDictionary(englishSpeller())
  return shared
}

export function createDictionary(spell: {correct(word: string): boolean}): Dictionary {
  // Names repeat across a corpus: ask the speller once per unique word, since a map lookup costs less.
  const correct = memoize((word) => spell.correct(word))
  return {isWord: correct, knows: correct}
}
