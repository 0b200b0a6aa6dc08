/**
 * Every temporary folder a test makes (with `os.tmpdir()`, in the test or in
 * a CLI it runs) goes under one folder made for the run, removed when the
 * run ends: a run of the suite leaves nothing behind in the system's
 * temporary folder, however a test ends.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-tests-'))
  // Some tests run the CLI as an unprivileged user (when the suite runs as
  // root), which must reach the folders the tests make in here.
  fs.chmodSync(root, 0o755)
  // Read by os.tmpdir() in the workers vitest starts next, and in every
  // process they start.
  process.env.TMPDIR = root
  return () => {
    // A test that failed half-way may have left a folder unreadable.
    unlock(root)
    fs.rmSync(root, {recursive: true, force: true})
  }
}

function unlock(dir: string): void {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    // A Dirent of a symbolic link is no directory: links are not followed out of the root.
    if (!entry.isDirectory()) continue
    const inner = path.join(dir, entry.name)
    fs.chmodSync(inner, 0o755)
    unlock(inner)
  }
}
