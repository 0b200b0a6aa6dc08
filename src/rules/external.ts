/**
 * External fingerprint lists (`--fingerprints`: the Problematic Paper
 * Screener's CSV queries or `{tortured, correct}` JSON) as spin rules.
 *
 * The lists say what a phrase replaced, not how sure that is in running
 * text, so confidence comes from what the row itself tells: a single common
 * word or a phrase that contains its own correction is risky; a row the list
 * marks uncertain is lowered; a proximity query matched as an exact phrase
 * is a looser reading of the list and lowered too.
 */
import {isExcluded, readFingerprintList, requirementsMet, type Fingerprint} from './fingerprints.js'
import type {Evidence, PhraseRule} from './phrases.js'

const cache = new Map<string, PhraseRule[]>()

export function externalRules(files: readonly string[]): PhraseRule[] {
  return files.flatMap((file) => {
    let rules = cache.get(file)
    if (!rules) {
      rules = readFingerprintList(file).fingerprints.map(toRule)
      cache.set(file, rules)
    }
    return rules
  })
}

export function toRule(fingerprint: Fingerprint, index: number): PhraseRule {
  const words = fingerprint.tortured.trim().split(/\s+/).length
  let confidence = 0.9
  if (fingerprint.uncertain) confidence -= 0.25
  if (fingerprint.slop !== undefined) confidence -= 0.1
  if (fingerprint.risky) confidence = Math.min(confidence, 0.3)
  const evidence: Evidence = fingerprint.risky ? 'none' : words === 1 ? 'moderate' : 'strong'
  const conditional = fingerprint.requires.length + fingerprint.requiresAny.length + fingerprint.excludes.length > 0
  return {
    id: `fingerprint-${index + 1}`,
    family: 'spin',
    spun: fingerprint.tortured,
    original: fingerprint.expected,
    confidence,
    evidence,
    note: `Tortured phrase from ${fingerprint.origin}${fingerprint.papers ? ` (found in ${fingerprint.papers.toLocaleString('en')} papers)` : ''}.`,
    url: fingerprint.url,
    examples: {match: [], pass: []},
    origin: fingerprint.origin,
    ...(conditional
      ? {accept: (text: string, start: number, end: number) => requirementsMet(fingerprint, text) && !isExcluded(fingerprint, text, start, end)}
      : {})
  }
}
