import { useId } from 'react';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { mediumDay } from './day-format';
import { reflectionsMessages } from './reflections-messages';
import { CELL, GAP, LEFT } from './YearHeatmap';

const TOP = 6;
const STEP = 16;

export interface DepthDay {
  date: string;
  /** The mean of the day's answered depths (1 to 5). */
  depth: number;
  /** Position among the heatmap's days, so the two pictures share one time axis. */
  index: number;
}

/** Each day of the heatmap's year that has an answered depth, as that day's mean. */
export function depthByDay(depths: readonly { date: string; depth: number }[], days: readonly { date: string }[]): DepthDay[] {
  const sums = new Map<string, { total: number; count: number }>();
  for (const { date, depth } of depths) {
    const sum = sums.get(date) ?? { total: 0, count: 0 };
    sum.total += depth;
    sum.count += 1;
    sums.set(date, sum);
  }
  const out: DepthDay[] = [];
  days.forEach(({ date }, index) => {
    const sum = sums.get(date);
    if (sum) out.push({ date, depth: sum.total / sum.count, index });
  });
  return out;
}

/** Depth over the same year as the heatmap, one dot per day (its mean), joined by a thin line. */
export function DepthOverTime({ depths, days }: { depths: readonly { date: string; depth: number }[]; days: readonly { date: string }[] }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const ids = useId();
  const points = depthByDay(depths, days);
  const columns = Math.ceil(days.length / 7);
  const width = LEFT + columns * (CELL + GAP) + 24;
  const height = TOP + 4 * STEP + TOP;
  // A day's column in the heatmap, spread over its seven rows so the days of one week do not sit on each other.
  const xOf = (index: number) => LEFT + (index / 7) * (CELL + GAP);
  const yOf = (depth: number) => TOP + (5 - depth) * STEP;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <figure className="picture depth-over-time">
      <figcaption id={`${ids}-title`}>{t('pictures.depth')}</figcaption>
      {points.length === 0 ? (
        <p className="quiet">{t('pictures.depthNone')}</p>
      ) : (
        <svg role="img" aria-labelledby={`${ids}-title`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="picture-svg" data-testid="depth-over-time">
          {[1, 2, 3, 4, 5].map((depth) => (
            <g key={depth}>
              <line x1={LEFT} x2={width} y1={yOf(depth) + 0.5} y2={yOf(depth) + 0.5} className="picture-grid" />
              <text x={0} y={yOf(depth) + 4} className="picture-label">
                {number.format(depth)}
              </text>
            </g>
          ))}
          <polyline points={points.map((point) => `${xOf(point.index)},${yOf(point.depth)}`).join(' ')} className="depth-line" />
          {points.map((point) => (
            <circle key={point.date} cx={xOf(point.index)} cy={yOf(point.depth)} r={2.5} className="depth-dot" data-date={point.date}>
              <title>{t('pictures.depthPoint', { date: mediumDay(point.date, locale), depth: number.format(point.depth) })}</title>
            </circle>
          ))}
        </svg>
      )}
    </figure>
  );
}
