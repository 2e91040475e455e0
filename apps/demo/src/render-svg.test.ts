import { describe, expect, it } from 'vitest'
import { renderSvg } from './render-svg'

describe('renderSvg', () => {
  it('renders a standalone SVG line chart with one path per series', async () => {
    const svg = await renderSvg({
      title: 'two schedules',
      series: [
        { name: 'cosine', steps: [0, 5, 10], values: [0.1, 0.05, 0] },
        { name: 'constant', steps: [0, 5, 10], values: [0.05, 0.05, 0.05] },
      ],
    })
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('two schedules')
    expect(svg).toContain('cosine')
    expect(svg).toContain('constant')
    // one line mark per series
    expect(svg.match(/mark-line role-mark/g)?.length).toBe(2)
  })
})
