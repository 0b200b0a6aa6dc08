import {describe, expect, it} from 'vitest'
import {calibrate, hitConfidence} from '../src/core/score.js'
import {createEngine} from '../src/index.js'
import type {UnspinMessage} from '../src/core/types.js'

describe('confidence', () => {
  it('moves reported spin confidences half-way towards what the corpus measured, and nothing below the threshold', () => {
    expect(calibrate(0.3)).toBe(0.3)
    expect(calibrate(0.49)).toBe(0.49)
    expect(calibrate(0.5)).toBeCloseTo(0.735)
    expect(calibrate(0.85)).toBeCloseTo(0.91)
    expect(calibrate(0.99)).toBe(0.99)
    for (let value = 0; value < 1; value += 0.01) expect(calibrate(value + 0.01)).toBeGreaterThanOrEqual(calibrate(value))
  })

  it('keeps the formula in each message: data says the rule confidence, evidence and score it came from', () => {
    const engine = createEngine({config: {}, only: ['spin']})
    const text = 'As we speak, the struggle goes on. The minister stated that extra than 200 individuals had been evacuated. Ok.G.B. officers stated the most cancers analysis was stopped.'
    const [file] = engine.check([{path: 'spun.txt', text}])
    const stated = (file!.messages as UnspinMessage[]).find((message) => message.actual === 'stated')!
    const {ruleConfidence, evidence, spinScore} = stated.data as {ruleConfidence: number; evidence: 'weak'; spinScore: number}
    expect(stated.confidence).toBeCloseTo(calibrate(hitConfidence(ruleConfidence, evidence, spinScore)), 2)
    expect(stated.confidence).toBeGreaterThan(hitConfidence(ruleConfidence, evidence, spinScore))
  })
})
