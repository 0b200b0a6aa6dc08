/**
 * One English speller (dictionary-en) per process, shared by every plugin
 * that asks "is this a word", made only when a plugin first needs it.
 *
 * It is the word list the build expanded with nspell (see `wordlist.ts`):
 * nspell itself is built here only when that list is missing or was made
 * from another dictionary, since building it takes a quarter of a second.
 * Only `correct()` is meant to be called: nspell's `suggest()` costs
 * hundreds of milliseconds per unknown word and turns names into other names.
 */
import fs from 'node:fs'
import path from 'node:path'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import type NSpell from 'nspell'
import {dictionaryStamp, readWordList, serializeWordList, type NspellState} from './wordlist.js'

export interface Speller {
  correct(word: string): boolean
}

const require = createRequire(import.meta.url)
/**
 * Where the build puts the expanded list. The path is the same from
 * `dist/core` and from `src/core` (where the tests run this module), so
 * both read what the build wrote.
 */
export const WORD_LIST = fileURLToPath(new URL('../../dist/core/english-words.txt', import.meta.url))
let shared: Speller | undefined

export function englishSpeller(): Speller {
  if (!shared) {
    const {aff, dic} = dictionaryFiles()
    shared = readWordList(WORD_LIST, stamp(aff, dic)) ?? buildNspell(aff, dic)
  }
  return shared
}

/** The expanded list for the installed dictionary, as `npm run build` writes it. */
export function englishWordList(): string {
  const {aff, dic} = dictionaryFiles()
  return serializeWordList(buildNspell(aff, dic) as unknown as NspellState, stamp(aff, dic))
}

function dictionaryFiles(): {aff: Buffer; dic: Buffer} {
  // dictionary-en's entry reads its files with top-level await, which a
  // synchronous plugin cannot wait for: read them here instead.
  const folder = path.dirname(require.resolve('dictionary-en'))
  return {aff: fs.readFileSync(path.join(folder, 'index.aff')), dic: fs.readFileSync(path.join(folder, 'index.dic'))}
}

function stamp(aff: Buffer, dic: Buffer): string {
  // Read, not required: a JSON module loaded while the CLI's start-up snapshot is made would be one it cannot hold.
  const {version} = JSON.parse(fs.readFileSync(require.resolve('nspell/package.json'), 'utf8')) as {version: string}
  return dictionaryStamp(aff, dic, version)
}

function buildNspell(aff: Buffer, dic: Buffer): NSpell {
  const nspell = require('nspell') as typeof import('nspell')
  return nspell({aff, dic})
}
