#!/usr/bin/env node
/**
 * How right spin messages are, by the confidence the score model gives them
 * before calibration (`hitConfidence`), on the corpus's gold annotations:
 * the isotonic (pool-adjacent-violators) fit behind `CALIBRATED` in
 * src/core/score.ts. Run after `npm run build`: `node scripts/calibration.js`.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {createEngine, hitConfidence} from '../dist/index.js'
import {goldArticles} from './gold.js'

const corpus = path.resolve(fileURLToPath(import.meta.url), '../../corpus')
const articles = goldArticles(corpus)
const engine = createEngine({only: ['spin'], minConfidence: 0.01, config: {}})
const files = engine.check(articles.map(({file, text}) => ({path: file, text})))

const points = []
files.forEach((file, index) => {
  for (const message of file.messages) {
    const {evidence, ruleConfidence, spinScore} = message.data
    const start = message.place.start.offset
    const end = message.place.end.offset
    const right = articles[index].gold.findings.some((gold) => gold.family === 'spin' && gold.start < end && start < gold.end)
    points.push({raw: hitConfidence(ruleConfidence, evidence, spinScore), right: right ? 1 : 0})
  }
})

// Pool adjacent violators: blocks of raw confidence with an increasing share right (equal shares pooled).
points.sort((a, b) => a.raw - b.raw)
const blocks = []
for (const point of points) {
  blocks.push({from: point.raw, to: point.raw, right: point.right, count: 1})
  while (blocks.length > 1 && blocks.at(-2).right / blocks.at(-2).count >= blocks.at(-1).right / blocks.at(-1).count) {
    const last = blocks.pop()
    const before = blocks.pop()
    blocks.push({from: before.from, to: last.to, right: before.right + last.right, count: before.count + last.count})
  }
}
console.log(`spin messages on ${articles.length} corpus articles: ${points.length}\n`)
console.log('| confidence before calibration | messages | right |')
console.log('|---|---:|---:|')
for (const block of blocks) {
  console.log(`| ${block.from.toFixed(2)}–${block.to.toFixed(2)} | ${block.count} | ${((100 * block.right) / block.count).toFixed(0)}% |`)
}
