import { useId } from 'react';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { hours, mediumDay, shortDay } from './day-format';
import { reflectionsMessages } from './reflections-messages';

const BAR = 30;
const GAP = 10;
const PLOT = 96;
const TOP = 14;
const AXIS = 18;

/** The bar scale's top: the busiest week rounded up to whole hours (at least one), so the axis reads plainly. */
export function weekScaleHours(weeks: readonly { minutes: number }[]): number {
  return Math.max(1, Math.ceil(Math.max(0, ...weeks.map((week) => week.minutes)) / 60));
}

/** Hours per week, the last 12 weeks, oldest on the left; one bar per week, the number in its title. */
export function WeekBars({ weeks }: { weeks: readonly { weekStart: string; minutes: number }[] }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const ids = useId();
  const top = weekScaleHours(weeks);
  // Room after the last bar for its date label.
  const width = weeks.length * (BAR + GAP) + 24;
  const height = TOP + PLOT + AXIS;
  return (
    <figure className="picture week-bars">
      <figcaption id={`${ids}-title`}>{t('pictures.weeks')}</figcaption>
      <svg role="img" aria-labelledby={`${ids}-title`} viewBox={`0 0 ${Math.max(width, 1)} ${height}`} width={width} height={height} className="picture-svg" data-testid="week-bars">
        <text x={0} y={10} className="picture-label">
          {t('pictures.hoursAxis', { hours: hours(top * 60, locale) })}
        </text>
        <line x1={0} x2={width} y1={TOP + PLOT + 0.5} y2={TOP + PLOT + 0.5} className="picture-axis" />
        {weeks.map((week, index) => {
          const barHeight = (week.minutes / 60 / top) * PLOT;
          const x = index * (BAR + GAP);
          return (
            <g key={week.weekStart} data-week={week.weekStart} data-minutes={week.minutes}>
              <rect x={x} y={TOP + PLOT - barHeight} width={BAR} height={barHeight} className="week-bar">
                <title>{t('pictures.weekBar', { date: mediumDay(week.weekStart, locale), hours: hours(week.minutes, locale) })}</title>
              </rect>
              {(weeks.length - 1 - index) % 2 === 0 && (
                <text x={x} y={TOP + PLOT + 13} className="picture-label">
                  {shortDay(week.weekStart, locale)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
