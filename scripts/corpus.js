#!/usr/bin/env node
// Build the evaluation corpus from annotated sources.
//
//   node scripts/corpus.js           write corpus/<id>.txt, corpus/<id>.gold.json
//                                    (+ corpus/<id>-original.* for kind spun|mixed)
//   node scripts/corpus.js --check   exit 1 if any generated file differs from disk
//
// Source format (corpus/src/<id>.ann.txt):
//   ---
//   kind: spun            # spun | mixed | clean
//   spinner: thesaurus    # thesaurus | academic | paraphraser | none | ...
//   topic: energy policy
//   ---
//   Headline
//   Text with ⟦family:actual⇒expected⟧ marks. ...
//
// `actual` is what appears in the damaged text, `expected` what the original
// had. Either side may be empty (deletion / insertion) and may contain real
// newlines. Family names: letters, digits, '_' and '-'. The characters ⟦ ⟧ are
// reserved; ⇒ is only special inside a mark. Offsets in gold files are UTF-16
// code-unit indices into <id>.txt (JavaScript string indices), end exclusive.
//
// Only node built-ins; deterministic output.

import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'corpus');
const SRC = join(CORPUS, 'src');

const OPEN = '\u27E6'; // ⟦
const CLOSE = '\u27E7'; // ⟧
const ARROW = '\u21D2'; // ⇒
const FAMILY_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const REQUIRED_KEYS = ['kind', 'spinner', 'topic'];
const KNOWN_KINDS = new Set(['spun', 'mixed', 'clean']);
const WITH_ORIGINAL = new Set(['spun', 'mixed']);

class MarkupError extends Error {
  constructor(file, line, msg) {
    super(`${file}:${line}: ${msg}`);
  }
}

function lineAt(text, index, base) {
  let n = base;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function parseHeader(raw, file) {
  const lines = raw.split('\n');
  if (lines[0] !== '---') throw new MarkupError(file, 1, "file must start with a '---' header line");
  const meta = {};
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '---') break;
    const stripped = line.replace(/\s+#.*$/, '').replace(/^#.*$/, '').trim();
    if (stripped === '') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(stripped);
    if (!m) throw new MarkupError(file, i + 1, `malformed header line: ${JSON.stringify(line)}`);
    if (m[1] in meta) throw new MarkupError(file, i + 1, `duplicate header key '${m[1]}'`);
    let value = m[2].trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    meta[m[1]] = value;
  }
  if (i >= lines.length) throw new MarkupError(file, 1, "header not closed by a '---' line");
  for (const key of REQUIRED_KEYS) {
    if (!meta[key]) throw new MarkupError(file, 1, `header is missing '${key}'`);
  }
  if (!KNOWN_KINDS.has(meta.kind)) {
    throw new MarkupError(file, 1, `unknown kind '${meta.kind}' (expected ${[...KNOWN_KINDS].join(' | ')})`);
  }
  return { meta, bodyLine: i + 2, body: lines.slice(i + 1).join('\n') };
}

// Parse the body into segments: plain strings and marks.
function parseBody(body, file, baseLine) {
  const segs = [];
  let pos = 0;
  let plain = '';
  while (pos < body.length) {
    const ch = body[pos];
    if (ch === CLOSE) {
      throw new MarkupError(file, lineAt(body, pos, baseLine), `stray '${CLOSE}' outside a mark`);
    }
    if (ch !== OPEN) {
      plain += ch;
      pos++;
      continue;
    }
    const startLine = lineAt(body, pos, baseLine);
    const end = body.indexOf(CLOSE, pos + 1);
    const nextOpen = body.indexOf(OPEN, pos + 1);
    if (end === -1) throw new MarkupError(file, startLine, `unclosed mark (no '${CLOSE}')`);
    if (nextOpen !== -1 && nextOpen < end) {
      throw new MarkupError(file, startLine, `nested or unclosed mark ('${OPEN}' before '${CLOSE}')`);
    }
    const inner = body.slice(pos + 1, end);
    const colon = inner.indexOf(':');
    if (colon === -1) throw new MarkupError(file, startLine, `mark without 'family:' prefix: ${JSON.stringify(inner)}`);
    const family = inner.slice(0, colon);
    if (!FAMILY_RE.test(family)) throw new MarkupError(file, startLine, `bad family name ${JSON.stringify(family)}`);
    const rest = inner.slice(colon + 1);
    const arrows = rest.split(ARROW).length - 1;
    if (arrows !== 1) {
      throw new MarkupError(file, startLine, `mark must contain exactly one '${ARROW}' (found ${arrows}): ${JSON.stringify(inner)}`);
    }
    const [actual, expected] = rest.split(ARROW);
    if (actual === expected) {
      throw new MarkupError(file, startLine, `mark has identical actual and expected sides: ${JSON.stringify(inner)}`);
    }
    if (plain) segs.push(plain);
    plain = '';
    segs.push({ family, actual, expected, line: startLine });
    pos = end + 1;
  }
  if (plain) segs.push(plain);
  return segs;
}

// Strip leading blank lines and trailing whitespace from the body (outside
// marks), so that each output ends with exactly one newline.
function trimSegments(segs) {
  const out = segs.slice();
  while (out.length && typeof out[0] === 'string') {
    const s = out[0].replace(/^(?:[ \t]*\n)+/, '');
    if (s) { out[0] = s; break; }
    out.shift();
  }
  while (out.length && typeof out[out.length - 1] === 'string') {
    const s = out[out.length - 1].replace(/\s+$/, '');
    if (s) { out[out.length - 1] = s; break; }
    out.pop();
  }
  return out;
}

function render(segs, side, file) {
  let text = '';
  const findings = [];
  for (const seg of segs) {
    if (typeof seg === 'string') { text += seg; continue; }
    const start = text.length;
    text += seg[side];
    if (side === 'actual') {
      findings.push({ family: seg.family, start, end: text.length, actual: seg.actual, expected: seg.expected, line: seg.line });
    }
  }
  // Exactly one trailing newline.
  const trimmed = text.replace(/\s+$/, '');
  const last = findings[findings.length - 1];
  if (last && last.end > trimmed.length) {
    if (!/^[^\n]*\n$/.test(text.slice(trimmed.length)) || !text.endsWith('\n')) {
      throw new MarkupError(file, last.line, 'a mark at the end of the file leaves trailing whitespace that would have to be removed');
    }
    // text already ends with a single newline produced by the mark itself
    if (text.endsWith('\n\n')) throw new MarkupError(file, last.line, 'text would end with more than one newline');
    return { text, findings };
  }
  return { text: trimmed + '\n', findings };
}

function gold(id, meta, findings) {
  return JSON.stringify({
    id,
    kind: meta.kind,
    spinner: meta.spinner,
    topic: meta.topic,
    findings: findings.map(({ family, start, end, actual, expected }) => ({ family, start, end, actual, expected })),
  }, null, 2) + '\n';
}

function build() {
  if (!existsSync(SRC)) throw new Error(`no source directory ${relative(ROOT, SRC)}`);
  const names = readdirSync(SRC).filter((n) => n.endsWith('.ann.txt')).sort();
  const outputs = new Map(); // path -> content
  const ids = new Set();
  const errors = [];
  for (const name of names) {
    const id = name.slice(0, -'.ann.txt'.length);
    const rel = relative(ROOT, join(SRC, name));
    try {
      if (!ID_RE.test(id)) throw new MarkupError(rel, 1, `bad id '${id}' (use lowercase letters, digits and '-')`);
      const raw = readFileSync(join(SRC, name), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      const { meta, bodyLine, body } = parseHeader(raw, rel);
      const segs = trimSegments(parseBody(body, rel, bodyLine));
      if (!segs.length) throw new MarkupError(rel, bodyLine, 'empty article');
      const damaged = render(segs, 'actual', rel);
      for (const f of damaged.findings) {
        if (damaged.text.slice(f.start, f.end) !== f.actual) throw new Error(`internal offset error in ${rel}:${f.line}`);
      }
      const targets = [[id, damaged.text, gold(id, meta, damaged.findings)]];
      if (WITH_ORIGINAL.has(meta.kind)) {
        if (!damaged.findings.length) throw new MarkupError(rel, 1, `kind '${meta.kind}' but no marks`);
        const original = render(segs, 'expected', rel);
        const oid = `${id}-original`;
        targets.push([oid, original.text, gold(oid, { kind: 'clean', spinner: 'none', topic: meta.topic }, [])]);
      }
      for (const [tid, text, g] of targets) {
        if (ids.has(tid)) throw new MarkupError(rel, 1, `id '${tid}' is generated twice`);
        ids.add(tid);
        outputs.set(join(CORPUS, `${tid}.txt`), text);
        outputs.set(join(CORPUS, `${tid}.gold.json`), g);
      }
    } catch (err) {
      errors.push(err.message);
    }
  }
  return { outputs, ids, errors, count: names.length };
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) {
    console.error(`usage: node scripts/corpus.js [--check]  (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  let result;
  try {
    result = build();
  } catch (err) {
    console.error(`corpus: ${err.message}`);
    process.exit(1);
  }
  const { outputs, ids, errors, count } = result;
  if (errors.length) {
    for (const e of errors) console.error(e);
    console.error(`corpus: ${errors.length} source file(s) malformed; nothing written`);
    process.exit(1);
  }
  // Generated files on disk with no source.
  const orphans = readdirSync(CORPUS)
    .filter((n) => n.endsWith('.gold.json') && !ids.has(n.slice(0, -'.gold.json'.length)))
    .sort();
  const paths = [...outputs.keys()].sort();
  if (check) {
    const bad = [];
    for (const p of paths) {
      const disk = existsSync(p) ? readFileSync(p, 'utf8') : null;
      if (disk === null) bad.push(`missing: ${relative(ROOT, p)}`);
      else if (disk !== outputs.get(p)) bad.push(`differs: ${relative(ROOT, p)}`);
    }
    for (const o of orphans) bad.push(`no source: corpus/${o}`);
    if (bad.length) {
      for (const b of bad) console.error(b);
      console.error(`corpus: ${bad.length} problem(s); run 'npm run corpus'`);
      process.exit(1);
    }
    console.log(`corpus: ${count} sources, ${paths.length} generated files up to date`);
    return;
  }
  let written = 0;
  for (const p of paths) {
    const content = outputs.get(p);
    if (existsSync(p) && readFileSync(p, 'utf8') === content) continue;
    writeFileSync(p, content);
    written++;
  }
  for (const o of orphans) console.warn(`warning: corpus/${o} has no source in corpus/src`);
  console.log(`corpus: ${count} sources, ${paths.length} files (${written} written)`);
}

main();
