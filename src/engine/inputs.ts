/**
 * Turn the paths, directories and globs on the command line into files.
 * Problems with one input become an `InputError` for that input; the rest
 * are still processed.
 */
import fs from 'node:fs'
import path from 'node:path'
import {glob, isDynamicPattern, type GlobOptions} from 'tinyglobby'
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
        const unreadable = new Map<string, unknown>()
        const matched = await glob(input, {cwd, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], fs: watched(unreadable)})
        for (const [folder, problem] of unreadable) errors.push(new InputError(shown(cwd, folder, '.'), describeFsError(problem)))
        if (matched.length === 0 && unreadable.size === 0) errors.push(new InputError(input, 'no files match this pattern'))
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
      const root = path.resolve(cwd, input)
      // A folder below that cannot be read is an error of its own, named as the user would write it.
      const unreadable = new Map<string, unknown>()
      const matched = await glob(pattern, {
        cwd: root,
        onlyFiles: true,
        dot: false,
        ignore: ['**/node_modules/**'],
        fs: watched(unreadable)
      })
      for (const [folder, problem] of unreadable) errors.push(new InputError(shown(root, folder, input), describeFsError(problem)))
      for (const file of matched.sort()) add(path.join(input, file))
    } else {
      add(input)
    }
  }
  return {files, errors}
}

type FileSystem = NonNullable<GlobOptions['fs']>

/**
 * The file system as the directory walker sees it, except that a folder it
 * cannot list is remembered (the walker itself skips it without a word).
 */
function watched(unreadable: Map<string, unknown>): FileSystem {
  const remember = (folder: unknown, error: NodeJS.ErrnoException) => {
    // Gone while walking, or not a folder after all: nothing to report.
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') unreadable.set(String(folder), error)
  }
  const readdir = ((folder: fs.PathLike, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) =>
    fs.readdir(folder, options as {withFileTypes: true}, (error, entries) => {
      if (error) remember(folder, error)
      callback(error, entries)
    })) as unknown as FileSystem['readdir']
  const readdirSync = ((folder: fs.PathLike, options: unknown) => {
    try {
      return fs.readdirSync(folder, options as {withFileTypes: true})
    } catch (error) {
      remember(folder, error as NodeJS.ErrnoException)
      throw error
    }
  }) as unknown as FileSystem['readdirSync']
  return {readdir, readdirSync}
}

/** A folder the walker met, as a path from the input the user gave (`corpus/locked`). */
function shown(root: string, folder: string, input: string): string {
  const relative = path.relative(root, path.resolve(root, folder))
  return relative === '' ? input : input === '.' ? relative : path.join(input, relative)
}
