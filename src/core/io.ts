/**
 * Reading and writing user files safely: bad input becomes one clear
 * `InputError`, and writes go to a temporary file that is renamed over the
 * original, so a crash never leaves a truncated file.
 */
import fs from 'node:fs/promises'
import fsSync from 'node:fs'
import writeFileAtomic from 'write-file-atomic'

/** An error the CLI prints as one line (`path: message`) with exit code 2. */
export class InputError extends Error {
  readonly path: string
  constructor(path: string, message: string) {
    super(message)
    this.name = 'InputError'
    this.path = path
  }

  override toString(): string {
    return `${this.path}: ${this.message}`
  }
}

export interface TextInput {
  path: string
  text: string
  /** The file started with a UTF-8 byte order mark (not part of `text`; restored on write). */
  bom: boolean
}

const BOM = '\uFEFF'
const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/** Decode bytes as UTF-8 or explain why they are not text. */
export function decodeText(path: string, bytes: Uint8Array): TextInput {
  if (bytes.length === 0) throw new InputError(path, 'file is empty')
  if (looksBinary(bytes)) throw new InputError(path, 'binary file, expected UTF-8 text')
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const offset = firstInvalidUtf8(bytes)
    throw new InputError(
      path,
      `invalid UTF-8 at byte ${offset}; unspin reads UTF-8 text only (convert with iconv first)`
    )
  }
  const bom = text.startsWith(BOM)
  return {path, text: bom ? text.slice(1) : text, bom}
}

export async function readTextFile(path: string): Promise<TextInput> {
  let bytes: Uint8Array
  try {
    bytes = await fs.readFile(path)
  } catch (error) {
    throw new InputError(path, describeFsError(error))
  }
  return decodeText(path, bytes)
}

/** The synchronous twin of `readTextFile`: many small files read faster without a turn of the event loop each. */
export function readTextFileSync(path: string): TextInput {
  let bytes: Uint8Array
  try {
    bytes = fsSync.readFileSync(path)
  } catch (error) {
    throw new InputError(path, describeFsError(error))
  }
  return decodeText(path, bytes)
}

export async function writeTextFile(input: TextInput, text: string): Promise<void> {
  try {
    await writeFileAtomic(input.path, (input.bom ? BOM : '') + text, {encoding: 'utf8'})
  } catch (error) {
    throw new InputError(input.path, `cannot write: ${describeFsError(error)}`)
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a directory'
    case 'ENOTDIR':
      return 'not a directory'
    case 'EMFILE':
      return 'too many open files'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}

/**
 * NUL bytes never occur in text, and a high share of other control bytes
 * means a binary format; look at the first 8 KiB only, like git does.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 8192)
  let control = 0
  for (let index = 0; index < length; index++) {
    const byte = bytes[index]!
    if (byte === 0) return true
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++
  }
  return control / length > 0.1
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]!
    const length = byte < 0x80 ? 0 : byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1
    if (length < 0) return index
    for (let next = 1; next <= length; next++) {
      if (index + next >= bytes.length || (bytes[index + next]! & 0xc0) !== 0x80) return index
    }
    index += length + 1
  }
  return index
}
