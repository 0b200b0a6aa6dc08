import {describe, expect, it} from 'vitest'
import {applyEdits} from '../src/core/edits.js'

describe('applyEdits', () => {
  it('keeps every byte outside the edits', () => {
    const text = 'café\r\n  “struggle”\t— 👍🏽 end'
    const start = text.indexOf('struggle')
    const result = applyEdits(text, [{start, end: start + 8, replacement: 'war', confidence: 0.9}])
    expect(result.text).toBe('café\r\n  “war”\t— 👍🏽 end')
  })

  it('lets the more confident of two overlapping edits win and reports the other', () => {
    const text = 'into a struggle now'
    const result = applyEdits(text, [
      {start: 7, end: 15, replacement: 'war', confidence: 0.8, id: 'low'},
      {start: 0, end: 15, replacement: 'into a war', confidence: 0.95, id: 'high'}
    ])
    expect(result.applied.map((edit) => edit.id)).toEqual(['high'])
    expect(result.skipped.map((edit) => edit.id)).toEqual(['low'])
    expect(result.text).toBe('into a war now')
  })

  it('applies adjacent edits and skips no-ops', () => {
    const result = applyEdits('ab', [
      {start: 0, end: 1, replacement: 'x'},
      {start: 1, end: 2, replacement: 'y'},
      {start: 0, end: 0, replacement: ''}
    ])
    expect(result.text).toBe('xy')
    expect(result.applied).toHaveLength(2)
  })

  it('rejects edits outside the text', () => {
    expect(() => applyEdits('abc', [{start: 2, end: 9, replacement: ''}])).toThrow(RangeError)
  })
})
