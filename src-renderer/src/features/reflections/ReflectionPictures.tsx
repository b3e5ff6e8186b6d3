import type { ReflectionStats } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { hours } from './day-format';
import { DepthOverTime } from './DepthOverTime';
import { reflectionsMessages } from './reflections-messages';
import { WeekBars } from './WeekBars';
import { YearHeatmap } from './YearHeatmap';

/** The totals as plain numbers, then the three pictures; everything drawn from the core's stats. */
export function ReflectionPictures({ stats }: { stats: ReflectionStats }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const { totals } = stats;
  const number = new Intl.NumberFormat(locale);
  return (
    <div className="reflection-pictures">
      <dl className="reflection-totals" aria-label={t('totals.heading')}>
        <div>
          <dt>{t('totals.week')}</dt>
          <dd data-testid="total-week">{hours(totals.minutesThisWeek, locale)}</dd>
        </div>
        <div>
          <dt>{t('totals.longest')}</dt>
          <dd data-testid="total-longest">{t('totals.longestValue', { minutes: totals.longestSessionMinutes })}</dd>
        </div>
        <div>
          <dt>{t('totals.days')}</dt>
          <dd data-testid="total-days">{number.format(totals.completedDays)}</dd>
        </div>
        <div>
          <dt>{t('totals.sessions')}</dt>
          <dd>{number.format(totals.sessions)}</dd>
        </div>
      </dl>
      <YearHeatmap days={stats.heatmap} />
      <WeekBars weeks={stats.weeks} />
      <DepthOverTime depths={stats.depth} days={stats.heatmap} />
    </div>
  );
}
