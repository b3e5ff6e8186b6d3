import { afterEach, describe, expect, it } from 'vitest';
import { dayToDate } from './day-format';
import { CELL, GAP, heatLevel, heatmapCells, monthLabels, YearHeatmap } from './YearHeatmap';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';

afterEach(unmountAll);

/** `count` consecutive days from `first`, with the given minutes by date (others 0). */
function days(first: string, count: number, minutes: Record<string, number> = {}) {
  const start = dayToDate(first).getTime();
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(start + index * 86_400_000).toISOString().slice(0, 10);
    return { date, minutes: minutes[date] ?? 0 };
  });
}

describe('heatLevel', () => {
  it('uses fixed hour steps, so a day reads the same whatever the rest of the year holds', () => {
    expect([0, 1, 59, 60, 119, 120, 239, 240, 600].map(heatLevel)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('heatmapCells', () => {
  it('lays the days out week by week: a column per week, a row per weekday from the week’s first day', () => {
    // 2026-12-28 is a Monday; the grid crosses the year end.
    const cells = heatmapCells(days('2026-12-28', 14, { '2026-12-31': 90, '2027-01-01': 300 }));
    expect(cells).toHaveLength(14);
    const newYear = cells.find((cell) => cell.date === '2027-01-01')!;
    expect(newYear).toMatchObject({ column: 0, row: 4, level: 4, minutes: 300 });
    expect(cells.find((cell) => cell.date === '2026-12-31')).toMatchObject({ column: 0, row: 3, level: 2 });
    expect(cells.find((cell) => cell.date === '2027-01-04')).toMatchObject({ column: 1, row: 0, level: 0 });
    expect(newYear.x).toBe(cells[0]!.x);
    expect(cells[7]!.x - cells[0]!.x).toBe(CELL + GAP);
    for (const cell of cells) expect(cell.row).toBe((dayToDate(cell.date).getUTCDay() + 6) % 7);
  });

  it('names each month over the column holding its first day, in the reader’s language', () => {
    const cells = heatmapCells(days('2026-11-30', 42));
    expect(monthLabels(cells, 'en').map((label) => label.label)).toEqual(['Dec', 'Jan']);
    expect(monthLabels(cells, 'zh-CN').map((label) => label.label)).toEqual(['12月', '1月']);
    const jan = monthLabels(cells, 'en')[1]!;
    expect(jan.x).toBe(cells.find((cell) => cell.date === '2027-01-01')!.x);
  });
});

describe('YearHeatmap', () => {
  it('draws one cell per day with its hours in the title, and sums the year in its description', () => {
    const data = days('2026-11-30', 371, { '2026-12-01': 90, '2026-12-03': 30 });
    const container = mount(<YearHeatmap days={data} />);
    const svg = container.querySelector('[data-testid="heatmap"]')!;
    const cells = svg.querySelectorAll('rect.heat-cell');
    expect(cells).toHaveLength(371);
    const busy = svg.querySelector('rect[data-date="2026-12-01"]')!;
    expect(busy.getAttribute('class')).toContain('heat-2');
    expect(busy.querySelector('title')!.textContent).toBe('Dec 1, 2026: 1.5 h');
    expect(svg.querySelector('rect[data-date="2026-12-02"]')!.getAttribute('class')).toContain('heat-0');
    expect(svg.querySelector('desc')!.textContent).toBe('2 hours over 2 days with a session, in the last year.');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe(container.querySelector('figcaption')!.id);
  });
});
