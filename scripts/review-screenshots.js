#!/usr/bin/env node
// Screenshots of a review page at desktop and phone widths, to check the
// layout by eye: node scripts/review-screenshots.js review.html [out-dir]
// Uses Debian's chromium through playwright-core; no browser is downloaded.
import fs from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

const [page = 'review.html', out = 'test/.artifacts'] = process.argv.slice(2)
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!fs.existsSync(executablePath)) {
  console.error(`review-screenshots: no browser at ${executablePath} (apt-get install chromium)`)
  process.exit(2)
}
fs.mkdirSync(out, {recursive: true})
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
const url = pathToFileURL(path.resolve(page)).href
const shots = [
  {name: 'desktop', viewport: {width: 1366, height: 900}},
  {name: 'desktop-dark', viewport: {width: 1366, height: 900}, colorScheme: 'dark'},
  {name: 'narrow', viewport: {width: 390, height: 844}, deviceScaleFactor: 2}
]
for (const shot of shots) {
  const context = await browser.newContext({viewport: shot.viewport, deviceScaleFactor: shot.deviceScaleFactor ?? 1, colorScheme: shot.colorScheme ?? 'light'})
  const tab = await context.newPage()
  await tab.goto(url)
  // Decide a few so the screenshot shows every state a card can be in.
  const cards = tab.locator('[data-suggestion]')
  if ((await cards.count()) > 3) {
    await cards.nth(0).locator('[data-action=accept]').click()
    await cards.nth(1).locator('[data-action=reject]').click()
    await cards.nth(2).click()
  }
  const file = path.join(out, `review-${shot.name}.png`)
  await tab.screenshot({path: file, fullPage: false})
  console.log(file)
  await context.close()
}
await browser.close()
