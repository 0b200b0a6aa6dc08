/**
 * Modules a run may never need (the HTML and Markdown parsers, YAML, ajv,
 * ftfy) are loaded the first time they are asked for, not at every start of
 * the CLI. `require()` loads ES modules synchronously on the Node.js versions
 * unspin supports, so the plugins that use them stay synchronous.
 */
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)

/** `load(require)` on the first call, its result on every call after. */
export function lazy<T>(load: (require: NodeJS.Require) => T): () => T {
  let loaded: {value: T} | undefined
  return () => (loaded ??= {value: load(require)}).value
}
