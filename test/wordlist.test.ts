import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'
import {englishSpeller, WORD_LIST} from '../src/core/speller.js'
import {dictionaryStamp, readWordList, serializeWordList, type NspellState} from '../src/core/wordlist.js'

const require = createRequire(import.meta.url)
const nspell = require('nspell') as typeof import('nspell')
const folder = path.dirname(require.resolve('dictionary-en'))
const aff = fs.readFileSync(path.join(folder, 'index.aff'))
const dic = fs.readFileSync(path.join(folder, 'index.dic'))
const reference = nspell({aff, dic})
const stamp = dictionaryStamp(aff, dic, (require('nspell/package.json') as {version: string}).version)

/** Every word of the corpus and the public samples, in every casing a text gives them. */
function probes(): string[] {
  const root = path.resolve(import.meta.dirname, '..')
  const dirs = [path.join(root, 'corpus'), path.resolve(root, '../shared/seeds')].filter((dir) => fs.existsSync(dir))
  const words = new Set<string>()
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((name) => name.endsWith('.txt'))) {
      for (const [word] of fs.readFileSync(path.join(dir, name), 'utf8').matchAll(/[\p{L}\p{N}\p{M}]+(?:['’.\-][\p{L}\p{N}\p{M}]+)*/gu)) {
        words.add(word)
        words.add(word.toLowerCase())
        words.add(word.toUpperCase())
        words.add(word.charAt(0).toUpperCase() + word.slice(1))
      }
    }
  }
  // Ordinals come from the compound rules, flagged forms from ONLYINCOMPOUND.
  for (const extra of ['1st', '11th', '11st', '21st', '112th', '1th', '3rd', '23th', '0th', 'don’t', "don't", 'DON’T', '', '  ', ' word ', 'zzzzqx', 'Ünïcödé', 'naïve']) {
    words.add(extra)
  }
  return [...words]
}

describe('the expanded word list', () => {
  const list = readWordList(writeList(serializeWordList(reference as unknown as NspellState, stamp)), stamp)!

  it('answers like nspell on every word of the corpus and samples, in every casing', () => {
    const words = probes()
    expect(words.length).toBeGreaterThan(5000)
    const disagree = words.filter((word) => list.correct(word) !== reference.correct(word))
    expect(disagree).toEqual([])
    // Not trivially: both kinds of answer occur.
    expect(words.filter((word) => list.correct(word)).length).toBeGreaterThan(1000)
    expect(words.filter((word) => !list.correct(word)).length).toBeGreaterThan(100)
  })

  it('answers like nspell on every form nspell expanded, and their casings', () => {
    const forms = Object.keys((reference as unknown as NspellState).data)
    const disagree: string[] = []
    for (const form of forms) {
      for (const word of [form, form.toUpperCase(), form.toLowerCase()]) {
        if (list.correct(word) !== reference.correct(word)) disagree.push(word)
      }
    }
    expect(disagree).toEqual([])
  })

  it('is not used when it was made from another dictionary, or is missing or broken', () => {
    const file = writeList(serializeWordList(reference as unknown as NspellState, 'another'))
    expect(readWordList(file, stamp)).toBeUndefined()
    expect(readWordList(path.join(os.tmpdir(), 'no-such-unspin-list.txt'), stamp)).toBeUndefined()
    expect(readWordList(writeList('not json\nword\n'), stamp)).toBeUndefined()
    expect(readWordList(writeList('null\nword\n'), stamp)).toBeUndefined()
    expect(readWordList(writeList(`{"stamp":"${stamp}"}\nword\n`), stamp)).toBeUndefined()
  })

  it('answers like nspell for the flags dictionary-en does not use (KEEPCASE, FORBIDDENWORD, NEEDAFFIX)', () => {
    // A small dictionary of its own: dictionary-en sets none of these flags,
    // so the probes above never reach the code that reads them.
    const smallAff = [
      'SET UTF-8',
      'KEEPCASE K',
      'FORBIDDENWORD F',
      'NEEDAFFIX N',
      'ONLYINCOMPOUND c',
      'COMPOUNDMIN 1',
      'COMPOUNDRULE 1',
      'COMPOUNDRULE ab',
      'ICONV 1',
      'ICONV ’ \'',
      'SFX S Y 1',
      'SFX S 0 s .',
      ''
    ].join('\n')
    const smallDic = ['7', 'Paris/K', 'NASA/K', 'London', 'wrongly/F', 'foo/S', 'bar/c', 'walk/NS', 'x/a', 'y/b', "it's", ''].join('\n')
    const small = nspell({aff: Buffer.from(smallAff), dic: Buffer.from(smallDic)})
    const smallList = readWordList(writeList(serializeWordList(small as unknown as NspellState, 'small')), 'small')!
    const words = ['Paris', 'paris', 'PARIS', 'NASA', 'Nasa', 'nasa', 'London', 'london', 'LONDON', 'wrongly', 'Wrongly', 'WRONGLY', 'foo', 'foos', 'Foos', 'FOOS', 'bar', 'Bar', 'walk', 'walks', 'Walks', 'xy', 'XY', 'x', 'yx', "it's", 'it’s', 'IT’S', '', ' ']
    expect(words.filter((word) => smallList.correct(word) !== small.correct(word))).toEqual([])
    // Both kinds of answer, from the flags themselves.
    expect(['Paris', 'London', 'foos', 'walks', 'xy'].map((word) => smallList.correct(word))).toEqual([true, true, true, true, true])
    expect(['paris', 'wrongly', 'bar', 'walk'].map((word) => smallList.correct(word))).toEqual([false, false, false, false])
  })

  it('is what the build wrote for the installed dictionary, and what the speller reads', () => {
    expect(readWordList(WORD_LIST, stamp)).toBeDefined()
    expect(englishSpeller().constructor.name).toBe(list.constructor.name)
  })
})

function writeList(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-words-'))
  const file = path.join(dir, 'english-words.txt')
  fs.writeFileSync(file, text)
  return file
}
