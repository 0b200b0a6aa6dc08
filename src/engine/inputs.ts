/**
 * Turn the paths, directories and globs on the command line into files.
 * Problems with one input become an `InputError` for that input; the rest
 * are still processed.
 */
import fs from 'node:fs'
import path from 'node:path'
import {glob, isDynamicPattern} from 'tinyglobby'
import {InputError, describeFsError} from '../core/io.js'

/** Extensions a directory walk picks up. */
export const WALKED_EXTENSIONS = ['txt', 'md']

export interface Expanded {
  files: string[]
  errors: InputError[]
}

export async function expandInputs(inputs: readonly string[], cwd = process.cwd(), extensions = WALKED_EXTENSIONS): Promise<Expanded> {
  const files: string[] = []
  const errors: InputError[] = []
  const seen = new Set<string>()
  const add = (file: string) => {
    const absolute = path.resolve(cwd, file)
    if (seen.has(absolute)) return
    seen.add(absolute)
    files.push(file)
  }

  for (const input of inputs) {
    let stats: fs.Stats | undefined
    try {
      stats = fs.statSync(path.resolve(cwd, input))
    } catch (error) {
      if (isDynamicPattern(input)) {
        const matched = await glob(input, {cwd, onlyFiles: true, dot: false, ignore: ['**/node_modules/**']})
        if (matched.length === 0) errors.push(new InputError(input, 'no files match this pattern'))
        for (const file of matched.sort()) add(file)
        continue
      }
      errors.push(new InputError(input, describeFsError(error)))
      continue
    }
    if (stats.isDirectory()) {
      try {
        fs.accessSync(path.resolve(cwd, input), fs.constants.R_OK | fs.constants.X_OK)
        fs.readdirSync(path.resolve(cwd, input))
      } catch (error) {
        errors.push(new InputError(input, describeFsError(error)))
        continue
      }
      const pattern = `**/*.{${extensions.join(',')}}`
      const matched = await glob(pattern, {
        cwd: path.resolve(cwd, input),
        onlyFiles: true,
        dot: false,
        ignore: ['**/node_modules/**']
      })
      for (const file of matched.sort()) add(path.join(input, file))
    } else {
      add(input)
    }
  }
  return {files, errors}
}
