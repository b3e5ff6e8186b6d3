import { afterEach, describe, expect, it } from 'vitest';
import { DepthOverTime, depthByDay } from './DepthOverTime';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';
import { WeekBars, weekScaleHours } from './WeekBars';

afterEach(unmountAll);

const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((date) => ({ date, minutes: 0 }));

describe('depth over time', () => {
  it('is one point per day with an answered depth, the day’s mean, on the heatmap’s day axis', () => {
    const points = depthByDay(
      [
        { date: '2026-12-01', depth: 2 },
        { date: '2026-12-01', depth: 5 },
        { date: '2026-12-03', depth: 4 },
        { date: '2025-01-01', depth: 1 }, // outside the year shown
      ],
      days,
    );
    expect(points).toEqual([
      { date: '2026-12-01', depth: 3.5, index: 1 },
      { date: '2026-12-03', depth: 4, index: 3 },
    ]);
  });

  it('titles each dot with its date and depth, and says so plainly when nothing was answered', () => {
    let container = mount(<DepthOverTime depths={[{ date: '2026-12-01', depth: 2 }, { date: '2026-12-01', depth: 5 }]} days={days} />);
    expect([...container.querySelectorAll('circle title')].map((title) => title.textContent)).toEqual(['Dec 1, 2026: depth 3.5']);
    unmountAll();
    container = mount(<DepthOverTime depths={[]} days={days} />);
    expect(container.querySelector('svg')).toBeNull();
    expect(container.textContent).toContain('No depth answered yet.');
  });
});

describe('hours per week', () => {
  it('scales to the busiest week in whole hours, and draws each week’s bar in proportion with its number', () => {
    expect(weekScaleHours([{ minutes: 0 }])).toBe(1);
    expect(weekScaleHours([{ minutes: 61 }, { minutes: 30 }])).toBe(2);
    const container = mount(
      <WeekBars
        weeks={[
          { weekStart: '2026-11-23', minutes: 60 },
          { weekStart: '2026-11-30', minutes: 120 },
        ]}
      />,
    );
    const bars = [...container.querySelectorAll('rect.week-bar')];
    expect(bars.map((bar) => Number(bar.getAttribute('height')))).toEqual([48, 96]);
    expect(bars[1]!.querySelector('title')!.textContent).toBe('Week of Nov 30, 2026: 2 h');
    expect(container.textContent).toContain('2 h');
  });
});
