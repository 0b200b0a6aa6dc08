/**
 * The review workflow end to end, in a real browser: write the page for the
 * spun sample, open it from file://, decide, export decisions.json, run
 * `unspin apply`, and check exactly the accepted edits landed. Needs Debian's
 * chromium (`.ci/run` installs it) and a built CLI (`npx tsc -p .`).
 */
import {execFile} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = path.join(ROOT, 'bin/unspin.js')
const FIXTURES = path.join(ROOT, 'test/fixtures/review')
const ARTIFACTS = path.join(ROOT, 'test/.artifacts')
const SEEDS = path.join(ROOT, '../shared/seeds')
const run = promisify(execFile)

interface Decisions {
  version: number
  files: Array<{path: string; sha256: string; decisions: Array<{id: string; start: number; end: number; actual: string; replacement: string; decision: string}>}>
}

async function unspin(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await run(process.execPath, [BIN, ...args], {cwd})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''}
  }
}

function sample(): string {
  const name = fs.readdirSync(SEEDS).find((file) => file.startsWith('004_'))
  if (!name) throw new Error('spun sample 004_*.txt missing from shared/seeds')
  return path.join(SEEDS, name)
}

/** A page with every request and every script problem recorded. */
async function open(context: BrowserContext, file: string) {
  const page = await context.newPage()
  const requests: string[] = []
  const problems: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await page.goto(pathToFileURL(file).href)
  return {page, requests, problems}
}

/** Apply edits the simple way (no overlaps here), independently of the code under test. */
function splice(text: string, edits: Array<{start: number; end: number; replacement: string}>): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end)
  }
  return result
}

async function exportDecisions(page: Page, folder: string): Promise<{file: string; data: Decisions}> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export]')])
  expect(download.suggestedFilename()).toBe('decisions.json')
  const file = path.join(folder, 'decisions.json')
  await download.saveAs(file)
  return {file, data: JSON.parse(fs.readFileSync(file, 'utf8')) as Decisions}
}

describe.skipIf(!fs.existsSync(CHROMIUM))('review page in chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let folder: string
  const offPage: string[] = []

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist/cli/main.js'))) throw new Error('build the CLI first: npx tsc -p .')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
    context = await browser.newContext({acceptDownloads: true, viewport: {width: 1366, height: 900}})
    // Nothing may leave the page: every request that is not the page's own file is refused and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('file:')) return route.continue()
      offPage.push(url)
      return route.abort()
    })
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-review-'))
    fs.mkdirSync(ARTIFACTS, {recursive: true})
  })

  afterAll(async () => {
    await browser?.close()
    if (folder) fs.rmSync(folder, {recursive: true, force: true})
  })

  it('reviews the spun sample: accept three, reject one, export, apply exactly those; refuse a changed file', async () => {
    const target = path.join(folder, 'story.txt')
    fs.copyFileSync(sample(), target)
    fs.chmodSync(target, 0o644)
    const original = fs.readFileSync(target, 'utf8')

    const made = await unspin(['review', 'story.txt', '--out', 'review.html'], folder)
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    const {page, requests, problems} = await open(context, path.join(folder, 'review.html'))

    const cards = page.locator('[data-suggestion]')
    const total = await cards.count()
    expect(total).toBeGreaterThanOrEqual(4)
    await expect.poll(() => page.textContent('[data-count=total]')).toBe(String(total))

    const picks = [0, 1, 2, 3].map((index) => cards.nth(index))
    for (const card of picks.slice(0, 3)) await card.locator('[data-action=accept]').click()
    await picks[3]!.locator('[data-action=reject]').click()
    expect(await page.textContent('[data-count=decided]')).toBe('4')
    expect(await picks[0]!.getAttribute('data-state')).toBe('accept')
    expect(await picks[3]!.getAttribute('data-state')).toBe('reject')
    await page.screenshot({path: path.join(ARTIFACTS, 'e2e-desktop.png')})

    // A reload loses nothing.
    await page.reload()
    // The page restores its decisions as its script starts; wait for it, as for the count above.
    await expect.poll(() => page.textContent('[data-count=decided]'), {timeout: 10_000}).toBe('4')
    await expect.poll(() => picks[2]!.getAttribute('data-state'), {timeout: 10_000}).toBe('accept')

    const {file, data} = await exportDecisions(page, folder)
    expect(data.version).toBe(1)
    expect(data.files).toHaveLength(1)
    const [entry] = data.files
    expect(path.resolve(folder, entry!.path)).toBe(target)
    const accepted = entry!.decisions.filter((d) => d.decision === 'accept')
    const rejected = entry!.decisions.filter((d) => d.decision === 'reject')
    expect(accepted.map((d) => d.id).sort()).toEqual(
      (await Promise.all(picks.slice(0, 3).map((card) => card.getAttribute('data-suggestion')))).sort()
    )
    expect(rejected.map((d) => d.id)).toEqual([await picks[3]!.getAttribute('data-suggestion')])
    for (const decision of entry!.decisions) expect(original.slice(decision.start, decision.end)).toBe(decision.actual)

    // Changed after the review: refused, nothing written, the file named.
    fs.writeFileSync(target, original + 'One more line.\n')
    const refused = await unspin(['apply', '--decisions', file], folder)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/story\.txt/)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(fs.readFileSync(target, 'utf8')).toBe(original + 'One more line.\n')

    // Back as reviewed: exactly the three accepted edits land.
    fs.writeFileSync(target, original)
    const dry = await unspin(['apply', '--decisions', file, '--dry-run'], folder)
    expect(dry.code).toBe(0)
    for (const decision of accepted) expect(dry.stdout).toContain(decision.replacement)
    expect(fs.readFileSync(target, 'utf8')).toBe(original)
    const applied = await unspin(['apply', '--decisions', file], folder)
    expect(applied.stderr).toBe('')
    expect(applied.code).toBe(0)
    expect(applied.stdout).toMatch(/3 applied, 1 rejected/)
    const result = fs.readFileSync(target, 'utf8')
    expect(result).toBe(splice(original, accepted))
    expect(result).not.toBe(original)

    // Applying the same decisions twice is refused: the file is no longer what was reviewed.
    expect((await unspin(['apply', '--decisions', file], folder)).code).toBe(2)

    expect(offPage).toEqual([])
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('blob:'))).toEqual([])
    expect(problems).toEqual([])
    await page.close()
  })

  it('filters, moves with the keyboard, undoes, bulk-decides, and reads at phone width', async () => {
    const sub = fs.mkdtempSync(path.join(folder, 'keys-'))
    fs.copyFileSync(sample(), path.join(sub, '004.txt'))
    const made = await unspin(['review', '--report', path.join(FIXTURES, '004.report.json'), '--out', 'review.html'], sub)
    expect(made.code).toBe(0)
    const {page, problems} = await open(context, path.join(sub, 'review.html'))
    const card = (id: string) => page.locator(`[data-suggestion="${id}"]`)
    const ids = await page.locator('[data-suggestion]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-suggestion')!))
    expect(ids).toHaveLength(16)

    // The first open suggestion is current from the start; j/k move, a accepts and moves on, r rejects, u undoes.
    expect(await card(ids[0]!).getAttribute('class')).toContain('current')
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await page.keyboard.press('k')
    expect(await card(ids[1]!).getAttribute('class')).toContain('current')
    await page.keyboard.press('k')
    expect(await card(ids[0]!).getAttribute('class')).toContain('current')
    await page.keyboard.press('a')
    expect(await card(ids[0]!).getAttribute('data-state')).toBe('accept')
    expect(await card(ids[1]!).getAttribute('class')).toContain('current')
    await page.keyboard.press('r')
    expect(await card(ids[1]!).getAttribute('data-state')).toBe('reject')
    await page.keyboard.press('u')
    expect(await card(ids[1]!).getAttribute('data-state')).toBeNull()
    expect(await page.textContent('[data-count=decided]')).toBe('1')

    // Search narrows the list; the rule's bulk button decides only its open suggestions.
    const shown = () => page.locator('[data-suggestion]:not([hidden])').count()
    await page.fill('#search', 'braces')
    expect(await shown()).toBe(1)
    // Words must all match, in the suggestion or its context.
    await page.fill('#search', 'struggle war')
    expect(await page.locator('[data-suggestion]:not([hidden])').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule')))).toEqual(['spin/war-struggle'])
    await page.fill('#search', '')
    await page.locator('input[name=min]').fill('0.9')
    const high = await page.locator('[data-suggestion]').evaluateAll((nodes) => nodes.filter((node) => Number(node.getAttribute('data-confidence')) >= 0.9).length)
    expect(await shown()).toBe(high)
    await page.locator('input[name=min]').fill('0')
    await page.locator('[data-rule-row="spin/kgb"]').hover()
    await page.click('[data-action=reject-rule][data-rule="spin/kgb"]')
    expect(await page.locator('[data-rule="spin/kgb"][data-suggestion]').getAttribute('data-state')).toBe('reject')

    // Everything at or above 0.9 that is still open; the earlier decisions stay.
    await page.fill('input[name=threshold]', '0.9')
    await page.click('[data-action=accept-above]')
    const states = await page.locator('[data-suggestion]').evaluateAll((nodes) =>
      nodes.map((node) => ({confidence: Number(node.getAttribute('data-confidence')), rule: node.getAttribute('data-rule'), state: node.getAttribute('data-state')}))
    )
    for (const s of states) {
      if (s.rule === 'spin/kgb') expect(s.state).toBe('reject')
      else if (s.confidence >= 0.9) expect(s.state).toBe('accept')
    }
    // One u undoes the whole bulk action.
    await page.keyboard.press('u')
    expect(await page.textContent('[data-count=decided]')).toBe('2')

    // An alternative replacement is exported as chosen.
    const multi = page.locator('[data-rule="spin/most-critical"][data-suggestion]')
    await multi.locator('.alts label').nth(1).click()
    await multi.locator('[data-action=accept]').click()
    expect(await multi.locator('ins').textContent()).toBe('the most critical')
    const {data} = await exportDecisions(page, sub)
    const chosen = data.files[0]!.decisions.find((d) => d.actual === 'essentially the most critical')
    expect(chosen?.replacement).toBe('the most critical')

    // Help opens with ? and closes with Escape.
    await page.keyboard.press('?')
    expect(await page.locator('dialog.help').evaluate((node) => (node as HTMLDialogElement).open)).toBe(true)
    await page.keyboard.press('Escape')
    expect(await page.locator('dialog.help').evaluate((node) => (node as HTMLDialogElement).open)).toBe(false)

    await page.setViewportSize({width: 390, height: 844})
    await page.evaluate(() => window.scrollTo(0, 0))
    // Nothing sticks out sideways at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({path: path.join(ARTIFACTS, 'e2e-narrow.png')})
    expect(problems).toEqual([])
    await page.close()
  })

  it('drops one variant of a name cluster and accepts the rest', async () => {
    const sub = fs.mkdtempSync(path.join(folder, 'names-'))
    fs.copyFileSync(path.join(FIXTURES, 'names.txt'), path.join(sub, 'names.txt'))
    const made = await unspin(['review', '--report', path.join(FIXTURES, 'names.report.json'), '--out', 'review.html'], sub)
    expect(made.code).toBe(0)
    const {page, problems} = await open(context, path.join(sub, 'review.html'))
    const panel = page.locator('[data-cluster-panel=zelenskyy]')
    await panel.locator('input[data-variant=Zelenskyi]').uncheck()
    await panel.locator('[data-action=cluster-apply]').click()
    const states = await page.locator('[data-suggestion]').evaluateAll((nodes) =>
      Object.fromEntries(nodes.map((node) => [node.querySelector('del')!.textContent, node.getAttribute('data-state')]))
    )
    expect(states).toEqual({Zelensky: 'accept', Zelenskiy: 'accept', Zelenskyi: 'reject'})
    const {file} = await exportDecisions(page, sub)
    const applied = await unspin(['apply', '--decisions', file], sub)
    expect(applied.code).toBe(0)
    expect(fs.readFileSync(path.join(sub, 'names.txt'), 'utf8')).toBe(
      fs.readFileSync(path.join(FIXTURES, 'names.txt'), 'utf8').replace('Volodymyr Zelensky ', 'Volodymyr Zelenskyy ').replace("Zelenskiy's", "Zelenskyy's")
    )
    expect(problems).toEqual([])
    await page.close()
  })
})
