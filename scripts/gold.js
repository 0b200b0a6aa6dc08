/**
 * The corpus's articles with their gold annotations, as the scripts that
 * score against them read them (`eval.js`, `calibration.js`).
 */
import fs from 'node:fs'
import path from 'node:path'

/** Every `<id>.gold.json` of `corpus` with its `<id>.txt`, in name order. */
export function goldArticles(corpus) {
  return fs
    .readdirSync(corpus)
    .filter((name) => name.endsWith('.gold.json'))
    .sort()
    .map((name) => {
      const gold = JSON.parse(fs.readFileSync(path.join(corpus, name), 'utf8'))
      const file = name.replace(/\.gold\.json$/, '.txt')
      const text = fs.readFileSync(path.join(corpus, file), 'utf8')
      return {id: gold.id ?? file, file, text, gold}
    })
}
