import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHROMIUM_PATH, chromiumLaunchOptions } from '@lrkit/test-utils'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decayingLossLog, quadraticFindLearningRate, quadraticRangeTest } from './fixtures'
import { runLrkit, temporaryFolder } from './run-lrkit'

/** Debian's Chromium (`apt-get install chromium`, done by .ci/run); no browser is ever downloaded. */
const CHROMIUM = CHROMIUM_PATH
const ARTIFACTS = resolve(import.meta.dirname, '../test-artifacts')
const hasChromium = existsSync(CHROMIUM)

/** The marks of one rendered chart, counted by Vega mark type (only marks with geometry count). */
interface ChartMarks {
  readonly svg: boolean
  readonly line: number
  readonly rule: number
  readonly rect: number
  readonly symbol: number
}

describe.skipIf(!hasChromium)(
  `the report in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`}`,
  () => {
    let folder: { path: string; remove: () => Promise<void> }
    let userData = ''
    let context: BrowserContext
    let picksWithRate = 0

    beforeAll(async () => {
      folder = await temporaryFolder()
      const rangeTest = await quadraticRangeTest()
      picksWithRate = Object.values(rangeTest.picks).filter((pick) => pick.learningRate !== undefined).length
      await writeFile(join(folder.path, 'range-test.json'), JSON.stringify(rangeTest))
      const log: { step: number; loss: number | string; learningRate: number }[] = decayingLossLog(300)
      log[250] = { ...(log[250] as { step: number; learningRate: number }), loss: 'NaN' }
      await writeFile(join(folder.path, 'log.json'), JSON.stringify(log))
      await writeFile(
        join(folder.path, 'cosine.json'),
        JSON.stringify({ kind: 'cosine', initValue: 0.1, totalSteps: 400 }),
      )
      await writeFile(join(folder.path, 'race.json'), JSON.stringify(await quadraticFindLearningRate()))
      const run = await runLrkit(
        ['report', 'range-test.json', 'log.json', 'cosine.json', 'race.json', '--out', 'report'],
        { cwd: folder.path },
      )
      expect(run.stderr).toBe('')
      userData = await mkdtemp(join(tmpdir(), 'lrkit-chromium-'))
      context = await chromium.launchPersistentContext(userData, chromiumLaunchOptions())
    })

    afterAll(async () => {
      await context?.close()
      if (userData !== '') await rm(userData, { recursive: true, force: true })
      await folder?.remove()
    })

    it('renders every plot offline, with no console error, and keeps a screenshot', async () => {
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      const requests: string[] = []
      await page.route('**/*', (route) => {
        requests.push(route.request().url())
        return route.request().url().startsWith('file:') ? route.continue() : route.abort()
      })
      const url = pathToFileURL(join(folder.path, 'report', 'index.html')).href
      await page.goto(url)
      await page.waitForSelector('html[data-lrkit-rendered]', { timeout: 30_000 })

      const status = await page.evaluate(() => (window as unknown as { lrkitReport: unknown }).lrkitReport)
      expect(status).toEqual({ charts: 5, rendered: 5, errors: [] })
      expect(await page.getAttribute('html', 'data-lrkit-rendered')).toBe('ok')

      const marks: ChartMarks[] = await page.evaluate(() =>
        [...document.querySelectorAll('[data-chart]')].map((chart) => {
          const count = (type: string, element: string) =>
            [...chart.querySelectorAll(`svg g.mark-${type}.role-mark ${element}`)].filter((node) =>
              element === 'line'
                ? node.hasAttribute('transform') || node.hasAttribute('x2') || node.hasAttribute('y2')
                : (node.getAttribute('d') ?? '').length > 4,
            ).length
          return {
            svg: chart.querySelector('svg') !== null,
            line: count('line', 'path'),
            rule: count('rule', 'line'),
            rect: count('rect', 'path'),
            symbol: count('symbol', 'path'),
          }
        }),
      )
      // The range test: raw and smoothed curves, the recommended range, a rule and a point per pick.
      expect(marks[0]).toEqual({ svg: true, line: 2, rule: picksWithRate, rect: 1, symbol: picksWithRate })
      // The log: raw and smoothed loss with the divergence at step 250 marked, then the rate.
      expect(marks[1]).toEqual({ svg: true, line: 2, rule: 1, rect: 0, symbol: 0 })
      expect(marks[2]).toEqual({ svg: true, line: 1, rule: 0, rect: 0, symbol: 0 })
      // The schedule.
      expect(marks[3]).toEqual({ svg: true, line: 1, rule: 0, rect: 0, symbol: 0 })
      // The race: raw and smoothed sweep, the bracket, the pick and the winner as rules.
      expect(marks[4]).toEqual({ svg: true, line: 2, rule: 2, rect: 1, symbol: 0 })

      for (const flag of await page.locator('[data-confidence]').all())
        expect(await flag.getAttribute('data-confidence')).toMatch(/^(ok|low)$/)
      expect(await page.locator('[data-diagnosis]').textContent()).toContain(
        'step 250: the loss diverged; multiply the learning rate by 0.1',
      )
      expect(problems).toEqual([])
      expect(requests).toEqual([url])

      await mkdir(ARTIFACTS, { recursive: true })
      await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true })
      await page.close()
    })
  },
)
