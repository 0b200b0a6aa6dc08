import fs from 'node:fs'
import path from 'node:path'

const DIR = path.join(__dirname, '../fixtures/ordinary-english')

/**
 * The non-empty lines of a hard-negative fixture: `NAME.txt` and the files
 * beside it named `NAME-*.txt` (one per rule file or round of rules, so
 * authors of different rule files never edit the same file).
 */
export function fixtureLines(name: string): string[] {
  const pattern = new RegExp(`^${name}(?:-[\\w-]+)?\\.txt$`)
  return fs
    .readdirSync(DIR)
    .filter((file) => pattern.test(file))
    .sort()
    .flatMap((file) => fs.readFileSync(path.join(DIR, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
}
