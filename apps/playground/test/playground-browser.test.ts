import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { schedule } from '@lrkit/core'
import { CHROMIUM_PATH, chromiumLaunchOptions } from '@lrkit/test-utils'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveFolder } from './static-server'

/** Debian's Chromium (`apt-get install chromium`, done by .ci/run); no browser is ever downloaded. */
const CHROMIUM = CHROMIUM_PATH
const APP = resolve(import.meta.dirname, '..')
const ARTIFACTS = join(APP, 'test-artifacts')
const hasChromium = existsSync(CHROMIUM)

/** The schedule the test composes: a 5-step warmup in front of a cosine decay. */
const COMPOSED = {
  kind: 'warmup',
  warmupSteps: 5,
  schedule: { kind: 'cosine', initValue: 0.005, totalSteps: 200, endValue: 0.0001 },
} as const

describe.skipIf(!hasChromium)(
  `the playground in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`}`,
  () => {
    let outDir = ''
    let userData = ''
    let server: { url: string; close: () => Promise<void> }
    let context: BrowserContext
    const problems: string[] = []
    const foreignRequests: string[] = []

    async function openPage(url: string): Promise<Page> {
      const page = await context.newPage()
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      await page.route('**/*', (route) => {
        const requested = route.request().url()
        if (
          requested.startsWith(server.url) ||
          requested.startsWith('blob:') ||
          requested.startsWith('data:')
        ) {
          return route.continue()
        }
        foreignRequests.push(requested)
        return route.abort()
      })
      await page.goto(url)
      await page.waitForSelector('html[data-ready]', { timeout: 30_000 })
      return page
    }

    /** Hovers the schedule chart at a fraction of its width and returns the readout's step and rates. */
    async function hoverSchedule(
      page: Page,
      fraction: number,
    ): Promise<{ step: number; rates: (number | null)[] }> {
      const plot = page.locator('#schedule-chart .u-over')
      await plot.scrollIntoViewIfNeeded()
      const box = await plot.boundingBox()
      if (box === null) throw new Error('the schedule chart has no plot area')
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2)
      const readout = page.locator('#schedule-readout')
      return {
        step: Number(await readout.getAttribute('data-x')),
        rates: JSON.parse((await readout.getAttribute('data-y')) ?? '[]'),
      }
    }

    async function expectChartMatchesCore(page: Page): Promise<void> {
      const compiled = schedule(COMPOSED)
      const seen = new Set<number>()
      for (const fraction of [0.01, 0.05, 0.15, 0.3, 0.5, 0.75, 0.97]) {
        const { step, rates } = await hoverSchedule(page, fraction)
        seen.add(step)
        expect(rates[0]).toBe(compiled(step))
        expect(await page.locator('#schedule-readout').textContent()).toContain(`step ${step} → A `)
      }
      expect(seen.size).toBeGreaterThanOrEqual(6)
    }

    beforeAll(async () => {
      outDir = await mkdtemp(join(tmpdir(), 'lrkit-playground-build-'))
      await build({ root: APP, logLevel: 'error', build: { outDir, emptyOutDir: true } })
      server = await serveFolder(outDir)
      userData = await mkdtemp(join(tmpdir(), 'lrkit-chromium-'))
      context = await chromium.launchPersistentContext(userData, chromiumLaunchOptions())
      await mkdir(ARTIFACTS, { recursive: true })
    })

    afterAll(async () => {
      await context?.close()
      await server?.close()
      if (userData !== '') await rm(userData, { recursive: true, force: true })
      if (outDir !== '') await rm(outDir, { recursive: true, force: true })
    })

    let sharedLink = ''

    it('composes warmup + cosine in the form and draws core’s values, by mouse and by keyboard', async () => {
      const page = await openPage(server.url)
      // Start from a plain cosine, fill it in, then nest it in a warmup.
      await page.selectOption('#spec-form [data-path="root"] > .field select[data-kind-select]', 'cosine')
      await page.fill('#f0-initValue', '0.005')
      await page.fill('#f0-totalSteps', '200')
      await page.fill('#f0-endValue', '0.0001')
      await page.click('#spec-form [data-path="root"] > .node-actions [data-wrap="warmup"]')
      await page.fill('#f0-warmupSteps', '5')
      expect(JSON.parse(await page.inputValue('#spec-json'))).toEqual(COMPOSED)
      expect(await page.locator('#spec-errors').count()).toBe(0)

      // A value core rejects shows core's message at the field, and the chart keeps the last valid schedule.
      await page.fill('#f0-schedule-totalSteps', '0')
      expect(await page.textContent('#f0-schedule-totalSteps-error')).toBe(
        'schedule.totalSteps must be a positive integer, got 0',
      )
      await page.fill('#f0-schedule-totalSteps', '200')

      await expectChartMatchesCore(page)

      // Keyboard: focus the chart, Home / End / arrows move the readout.
      await page.focus('#schedule-chart')
      await page.keyboard.press('Home')
      expect(await page.getAttribute('#schedule-readout', 'data-x')).toBe('0')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      const readout = page.locator('#schedule-readout')
      expect(await readout.getAttribute('data-x')).toBe('2')
      expect(JSON.parse((await readout.getAttribute('data-y'))!)[0]).toBe(schedule(COMPOSED)(2))
      await page.keyboard.press('End')
      const last = Number(await readout.getAttribute('data-x'))
      expect(last).toBe(Math.ceil(205 * 1.1))

      // Log scale: the warmup's 0 at step 0 is not drawn, the rest is unchanged.
      await page.check('#log-scale')
      await page.focus('#schedule-chart')
      await page.keyboard.press('Home')
      expect(JSON.parse((await readout.getAttribute('data-y'))!)[0]).toBeNull()

      // Share: the link holds everything.
      await page.click('#share-button')
      sharedLink = await page.inputValue('#share-link')
      expect(sharedLink).toMatch(/#s=/)
      await page.screenshot({ path: join(ARTIFACTS, 'composer.png'), fullPage: false })
      await page.close()
    })

    it('restores the page exactly from the shared link', async () => {
      const page = await openPage(sharedLink)
      expect(JSON.parse(await page.inputValue('#spec-json'))).toEqual(COMPOSED)
      expect(await page.isChecked('#log-scale')).toBe(true)
      expect(await page.inputValue('#f0-warmupSteps')).toBe('5')
      expect(await page.inputValue('#f0-schedule-initValue')).toBe('0.005')
      await page.uncheck('#log-scale')
      await expectChartMatchesCore(page)
      await page.close()
    })

    it('runs a range test on wasm, marks the picks and turns one into a cosine spec', async () => {
      const page = await openPage(sharedLink)
      await page.selectOption('#backend', 'wasm')
      await page.fill('#range-steps', '80')
      await page.fill('#batch-size', '32')
      await page.click('#run-range-test')
      await page.waitForSelector('#picks li[data-pick="valley"]', { timeout: 90_000 })
      expect(await page.textContent('#range-status')).toMatch(/^Done on wasm: \d+ steps/)
      const picks = await page.$$eval('#picks li', (items) =>
        items.map((item) => [item.getAttribute('data-pick'), item.getAttribute('data-rate')]),
      )
      expect(picks.map(([rule]) => rule)).toEqual(['valley', 'steep', 'minimum', 'slide', 'steepestGradient'])
      const rated = picks.filter(([, rate]) => rate !== '' && Number(rate) > 0)
      expect(rated.length).toBeGreaterThan(0)
      expect(await page.getAttribute('#confidence', 'data-confidence')).toMatch(/^(ok|low)$/)
      await page.screenshot({ path: join(ARTIFACTS, 'range-test.png'), fullPage: true })

      const [rule, rate] = rated[0]!
      await page.click(`#picks li[data-pick="${rule}"] [data-use="cosine"]`)
      expect(JSON.parse(await page.inputValue('#spec-json'))).toEqual({
        kind: 'cosine',
        initValue: Number(Number(rate).toPrecision(3)),
        totalSteps: 200,
      })
      await page.close()
    })

    it('trains 20 steps with the composed schedule on two groups and the loss goes down', async () => {
      const page = await openPage(sharedLink)
      await page.selectOption('#train-backend', 'cpu')
      await page.fill('#train-steps', '20')
      await page.click('#start-training')
      await page.waitForSelector('#train-summary', { timeout: 90_000 })
      const status = page.locator('#train-status')
      expect(await status.getAttribute('data-steps')).toBe('20')
      const losses: number[] = JSON.parse((await status.getAttribute('data-losses'))!)
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)))
      expect(await page.textContent('#train-summary')).toMatch(/^Finished after 20 steps/)
      // The rate chart shows both groups: head = schedule, body = schedule × 0.1.
      await page.focus('#rate-chart')
      await page.keyboard.press('End')
      const rates = JSON.parse((await page.getAttribute('#rate-readout', 'data-y'))!)
      const head = schedule(COMPOSED)(19)
      expect(rates[0]).toBe(head)
      expect(rates[1]).toBeCloseTo(head * 0.1, 15)
      await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true })

      // Phone width: nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 })
      await page.waitForTimeout(200)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true })
      await page.close()
    })

    it('made no request off the page’s own origin and logged no error', () => {
      expect(foreignRequests).toEqual([])
      expect(problems).toEqual([])
    })
  },
)
