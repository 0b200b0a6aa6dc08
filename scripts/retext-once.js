#!/usr/bin/env node
/**
 * The design's own parts as a command, for `npm run bench` to run the way a
 * user runs `unspin check`: one fresh process over a folder of files.
 *
 *   node scripts/retext-once.js parse DIR   retext-english on every file
 *   node scripts/retext-once.js spell DIR   retext-english + retext-spell (dictionary-en),
 *                                           its messages as JSON on stdout
 *
 * One processor serves every file, as it would in a real tool: retext-spell
 * then computes its suggestions (`max`, 30 by default) once per run.
 */
import fs from 'node:fs'
import path from 'node:path'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import retextSpell from 'retext-spell'
import dictionaryEn from 'dictionary-en'
import {VFile} from 'vfile'

const [mode, dir] = process.argv.slice(2)
if ((mode !== 'parse' && mode !== 'spell') || !dir) {
  console.error('retext-once: usage: retext-once.js parse|spell DIR')
  process.exit(2)
}
const processor = mode === 'spell' ? unified().use(retextEnglish).use(retextSpell, {dictionary: dictionaryEn}) : unified().use(retextEnglish)
const files = []
for (const name of fs.readdirSync(dir).sort()) {
  const file = new VFile({path: path.join(dir, name), value: fs.readFileSync(path.join(dir, name), 'utf8')})
  await processor.run(processor.parse(file), file)
  files.push({path: file.path, messages: file.messages.map(({ruleId, line, column, actual, expected}) => ({ruleId, line, column, actual, expected}))})
}
if (mode === 'spell') process.stdout.write(JSON.stringify({files}, null, 2) + '\n')
