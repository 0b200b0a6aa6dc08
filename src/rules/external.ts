/**
 * External fingerprint lists (`--fingerprints`) as spin rules.
 */
import type {PhraseRule} from './phrases.js'

export function externalRules(files: readonly string[]): PhraseRule[] {
  if (files.length === 0) return []
  return []
}
