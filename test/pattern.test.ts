import {describe, expect, it} from 'vitest'
import {memoizePair} from '../src/core/memo.js'
import {screenedPattern, withoutWordBoundaries} from '../src/core/pattern.js'
import {loadKeywords} from '../src/cleanup/keywords.js'

describe('screened patterns', () => {
  it('takes out word boundaries, but not a backspace in a class, an escaped backslash, or one inside a lookaround', () => {
    expect(withoutWordBoundaries(String.raw`\bphotos?\s*:\s*\S`)).toBe(String.raw`photos?\s*:\s*\S`)
    expect(withoutWordBoundaries(String.raw`(?:\ba|b\b)c`)).toBe(String.raw`(?:a|b)c`)
    expect(withoutWordBoundaries(String.raw`[\b]x\\b`)).toBeUndefined()
    expect(withoutWordBoundaries(String.raw`x(?!\by)\b`)).toBe(String.raw`x(?!\by)`)
    expect(withoutWordBoundaries(String.raw`(?<!(?:\ba))\bz`)).toBe(String.raw`(?<!(?:\ba))z`)
    expect(withoutWordBoundaries(String.raw`(?<name>\bq)\k<name>`)).toBe(String.raw`(?<name>q)\k<name>`)
    expect(withoutWordBoundaries(String.raw`\Bq`)).toBeUndefined()
  })

  it('answers as the pattern itself does, on lines that the looser pattern accepts too', () => {
    const sources = [
      String.raw`\bcopyright\s*(?:©\s*)?\d{4}`,
      String.raw`\b(?:photo|image)s?\s*:\s*\S`,
      String.raw`x(?!\by)`,
      String.raw`\b(?:getty images|ap photo)\s*\)?\s*$`,
      String.raw`[\b]x`
    ]
    const lines = [
      'Copyright 2024 Example Media',
      'copyrighted 2024',
      'non-copyright 2024',
      'xcopyright 2024',
      'Photo: Jane Doe',
      'Telephoto: lenses',
      'Photos : x',
      'x y',
      'xy',
      'x',
      'A protester in Minsk. (AP Photo)',
      'A protester (PAP Photo)',
      'Licensed via Getty Images',
      '\bx',
      'ſhutterstock, Ǆ and other folds: Copyright 1999'
    ]
    for (const source of sources) {
      const tester = screenedPattern(source, 'iu')
      const plain = new RegExp(source, 'iu')
      for (const line of lines) expect([source, line, tester.test(line)]).toEqual([source, line, plain.test(line)])
    }
  })

  it('screens only where that is faster: case-insensitive Unicode patterns, not global or sticky ones', () => {
    expect(screenedPattern(String.raw`\bx`, 'iu')).not.toBeInstanceOf(RegExp)
    for (const flags of ['u', 'i', 'giu', 'iuy']) expect(screenedPattern(String.raw`\bx`, flags)).toBeInstanceOf(RegExp)
    expect(screenedPattern('x', 'iu')).toBeInstanceOf(RegExp)
    expect(() => screenedPattern('(', 'iu')).toThrow(SyntaxError)
  })

  it('keeps the keyword lists answering as before: examples of the built-in lists', () => {
    const keywords = loadKeywords()
    for (const list of keywords.lists) {
      for (const line of list.examples.match) expect([list.id, line, keywords.match(line, line.split(/\s+/).length)?.list.id]).toEqual([list.id, line, list.id])
    }
  })
})

describe('memoizePair', () => {
  it('remembers by both strings, apart: no pair is taken for another whose strings join to the same', () => {
    let calls = 0
    const join = memoizePair((left, right) => {
      calls++
      return `${left}|${right}`
    })
    expect(join('ab', 'c')).toBe('ab|c')
    expect(join('a', 'bc')).toBe('a|bc')
    expect(join('ab', 'c')).toBe('ab|c')
    expect(calls).toBe(2)
  })

  it('empties its tables past the limit, and still answers', () => {
    let calls = 0
    const pair = memoizePair((left, right) => {
      calls++
      return left + right
    }, 2)
    pair('a', 'b')
    pair('a', 'c')
    pair('d', 'e')
    expect(pair('a', 'b')).toBe('ab')
    expect(calls).toBe(4)
  })
})
