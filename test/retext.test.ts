import {describe, expect, it} from 'vitest'
import {retext} from 'retext'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import {VFile} from 'vfile'
import {unspinParse, unspinPlugins} from '../src/index.js'
import type {UnspinMessage} from '../src/core/types.js'

const TEXT = [
  'As we speak, eight months after Russia invaded Ukraine, his grip on energy dangers slipping.',
  'He told safety officers that NATO was trying to drag us right into a struggle.',
  'Belarus moved tanks and other {hardware} to Russia, the Ok.G.B. said.',
  'Doctors say most cancers screening saves lives.'
].join('\n\n')

function findings(processor: ReturnType<typeof unified>) {
  const file = new VFile({value: TEXT})
  processor.runSync(processor.parse(file), file)
  return (file.messages as UnspinMessage[])
    .map((message) => `${message.ruleId} ${message.actual} -> ${message.expected[0]}`)
    .sort()
}

describe('the plugins on other nlcst parsers', () => {
  it('find the same spinner damage on retext-english trees as on unspin’s own', () => {
    const plugins = unspinPlugins({families: ['spin', 'spintax']})
    const own = findings(unified().use(unspinParse).use(plugins) as never)
    expect(own.length).toBeGreaterThanOrEqual(6)
    expect(findings(unified().use(retextEnglish).use(plugins) as never)).toEqual(own)
  })

  it('run inside `retext` (retext-latin) too', () => {
    const found = findings(retext().use(unspinPlugins({families: ['spin']})) as never)
    expect(found).toContain('spin/today-as-we-speak As we speak -> Today')
  })
})
