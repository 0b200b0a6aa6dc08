/**
 * One English speller (nspell with dictionary-en) per process, shared by
 * every plugin that asks "is this a word": building it takes a few hundred
 * milliseconds, so it is built once, and only when a plugin first needs it.
 * Only `correct()` is meant to be called: `suggest()` costs hundreds of
 * milliseconds per unknown word and turns names into other names.
 */
import fs from 'node:fs'
import path from 'node:path'
import {createRequire} from 'node:module'
import nspell from 'nspell'

export interface Speller {
  correct(word: string): boolean
}

const require = createRequire(import.meta.url)
let shared: Speller | undefined

export function englishSpeller(): Speller {
  if (!shared) {
    // dictionary-en's entry reads its files with top-level await, which a
    // synchronous plugin cannot wait for: read them here instead.
    const folder = path.dirname(require.resolve('dictionary-en'))
    shared = nspell({aff: fs.readFileSync(path.join(folder, 'index.aff')), dic: fs.readFileSync(path.join(folder, 'index.dic'))})
  }
  return shared
}
