/**
 * Which version of a file this is, for what is kept between runs and must
 * be thrown away when the file changes (the rule cache, the CLI's start-up
 * snapshot). The change time and inode catch an edit that keeps the size
 * and puts the modification time back (`cp -p`, `rsync -t`, `touch -r`).
 * No imports: the bin reads this before anything else is loaded.
 */
import type {Stats} from 'node:fs'

export function fileVersion(stats: Stats): string {
  return `${stats.size} ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}`
}
