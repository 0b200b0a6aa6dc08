/**
 * Issue 2's acceptance on the public samples (read from ../shared/seeds,
 * never copied): 004 is spun and gets repaired; 000 and 003 are human
 * written and stay quiet.
 */
import fs from 'node:fs'
import {describe, expect, it} from 'vitest'
import {createEngine, fix} from '../src/index.js'
import type {UnspinMessage} from '../src/core/types.js'
import {seed} from './helpers/cli.js'

const haveSeeds = fs.existsSync(new URL('../../shared/seeds', import.meta.url))
const engine = createEngine({config: {}})

function check(prefix: string) {
  const text = fs.readFileSync(seed(prefix), 'utf8')
  const [file] = engine.check([{path: prefix, text}])
  return {text, score: file!.data.spinScore as number, messages: file!.messages as UnspinMessage[]}
}

describe.skipIf(!haveSeeds)('public samples', () => {
  it('scores the spun sample 004 at 0.8 or more and finds the damage at the top', () => {
    const {score, messages} = check('004')
    expect(score).toBeGreaterThanOrEqual(0.8)
    const found = (actual: string, expected: string) =>
      messages.some((m) => m.family === 'spin' && m.actual.includes(actual) && m.expected[0]!.includes(expected))
    expect(found('As we speak', 'Today')).toBe(true)
    expect(found('struggle', 'war')).toBe(true)
    expect(found('safety officers', 'security officials')).toBe(true)
    expect(found('energy', 'power')).toBe(true)
    expect(found('Ok.G.B.', 'K.G.B.')).toBe(true)
    expect(messages.some((m) => m.family === 'spintax' && m.actual === '{hardware}')).toBe(true)
  })

  it('repairs 004: the examples at the top are fixed, and fixing twice changes nothing more', () => {
    const {text} = check('004')
    const once = fix(text).text
    expect(once).toContain('Today, eight months after')
    expect(once).toContain('into a war')
    expect(once).toContain('security officials')
    // Every "safety officers" of this article is the spinner's, the first (in the opening line) too.
    expect(once).not.toContain('safety officers')
    expect(once).toContain('grip on power')
    expect(once).toContain('K.G.B.')
    expect(once).toContain(' of hardware.')
    expect(once).not.toContain('{hardware}')
    expect(fix(once).text).toBe(once)
  })

  for (const prefix of ['000', '003']) {
    it(`keeps the human-written sample ${prefix} quiet`, () => {
      const {score, messages} = check(prefix)
      expect(score).toBeLessThan(0.3)
      expect(messages.filter((m) => m.family === 'spin')).toEqual([])
    })
  }
})
