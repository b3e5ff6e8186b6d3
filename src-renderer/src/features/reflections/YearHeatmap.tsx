import { useId } from 'react';
import type { Locale } from '../../app/i18n/locale';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { formatDay, hours, mediumDay } from './day-format';
import { reflectionsMessages } from './reflections-messages';

// Plain SVG from React, no chart or scale library: each picture is a grid or a handful of bars whose scale is one
// multiplication, so d3-scale (or a chart package) would add a dependency and its styling to override for nothing
// we cannot say in a line. The look comes from the theme's CSS variables: one hue (--accent) at a few strengths.

export const CELL = 12;
export const GAP = 2;
/** Left margin, shared with the depth picture's axis so both read on one time line. */
export const LEFT = 14;
const TOP = 14;

/** Fixed steps in hours, not quantiles: the same day reads the same whatever the rest of the year holds. */
export const LEVEL_STEPS_MINUTES = [1, 60, 120, 240] as const;

export function heatLevel(minutes: number): 0 | 1 | 2 | 3 | 4 {
  let level = 0;
  for (const step of LEVEL_STEPS_MINUTES) if (minutes >= step) level++;
  return level as 0 | 1 | 2 | 3 | 4;
}

export interface HeatCell {
  date: string;
  minutes: number;
  level: 0 | 1 | 2 | 3 | 4;
  /** Week column (oldest first) and weekday row (0 = the week's first day). */
  column: number;
  row: number;
  x: number;
  y: number;
}

/** The days (oldest first, starting on a week's first day, as the core sends them) laid out week by week. */
export function heatmapCells(days: readonly { date: string; minutes: number }[]): HeatCell[] {
  return days.map((day, index) => {
    const column = Math.floor(index / 7);
    const row = index % 7;
    return { ...day, level: heatLevel(day.minutes), column, row, x: LEFT + column * (CELL + GAP), y: TOP + row * (CELL + GAP) };
  });
}

/** A month's short name over the first week column that holds its first day. */
export function monthLabels(cells: readonly HeatCell[], locale: Locale): { x: number; label: string }[] {
  const labels: { x: number; label: string }[] = [];
  for (const cell of cells) {
    if (!cell.date.endsWith('-01')) continue;
    labels.push({ x: cell.x, label: formatDay(cell.date, locale, { month: 'short' }) });
  }
  // The first column may start mid-month: name it too when there is room before the next label.
  const first = cells[0];
  if (first && (labels.length === 0 || labels[0]!.x >= 3 * (CELL + GAP))) {
    labels.unshift({ x: first.x, label: formatDay(first.date, locale, { month: 'short' }) });
  }
  return labels;
}

const LEVEL_OPACITY = [0, 0.35, 0.55, 0.8, 1] as const;

export function YearHeatmap({ days }: { days: readonly { date: string; minutes: number }[] }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const ids = useId();
  const cells = heatmapCells(days);
  const columns = cells.length > 0 ? cells[cells.length - 1]!.column + 1 : 0;
  // Room after the last column for a month named there ("Dec", "12月").
  const width = LEFT + columns * (CELL + GAP) + 24;
  const height = TOP + 7 * (CELL + GAP);
  const total = days.reduce((sum, day) => sum + day.minutes, 0);
  const active = days.filter((day) => day.minutes > 0).length;
  const summary = t('pictures.summary', { hours: hours(total, locale), days: active });

  return (
    <figure className="picture heatmap">
      <figcaption id={`${ids}-title`}>{t('pictures.heatmap')}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-desc`}
        viewBox={`0 0 ${Math.max(width, 1)} ${height}`}
        width={width}
        height={height}
        className="picture-svg"
        data-testid="heatmap"
      >
        <desc id={`${ids}-desc`}>{summary}</desc>
        {monthLabels(cells, locale).map((month) => (
          <text key={`${month.x}`} x={month.x} y={10} className="picture-label">
            {month.label}
          </text>
        ))}
        {cells.map((cell) => (
          <rect
            key={cell.date}
            x={cell.x}
            y={cell.y}
            width={CELL}
            height={CELL}
            rx={2}
            className={`heat-cell heat-${cell.level}`}
            fillOpacity={LEVEL_OPACITY[cell.level]}
            data-date={cell.date}
            data-minutes={cell.minutes}
          >
            <title>{t('pictures.heatmapCell', { date: mediumDay(cell.date, locale), hours: hours(cell.minutes, locale) })}</title>
          </rect>
        ))}
      </svg>
      <p className="quiet picture-note">
        {summary} {t('pictures.heatmapLegend')}
      </p>
    </figure>
  );
}

