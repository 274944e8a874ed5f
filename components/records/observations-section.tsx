'use client';
import { useTranslations } from 'next-intl';
import { LABS } from '@/server/terminology/labs';
import type { TObservationGroup } from '@/server/records/merged-record-schema';
import { ObservationValue, Trend } from './observation-value';
import { Codes, RecordTable } from './record-table';
import { SeriesChart } from './series-chart';
import { SourceTags } from './source-tag';
import { useExpanded } from './use-expanded';
import { useRecordFormat } from './use-record-format';

/** A common individual HbA1c target (shared/CLINICAL.md): 53 mmol/mol (7 %). */
const HBA1C_TARGET_MMOL_MOL = 53;

/** One test's every result: a chart when there are numbers, and the list of points with their sources. */
function Series({ group }: { group: TObservationGroup }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const isHba1c = group.loinc.includes(LABS.hba1cIfcc.loinc) || group.loinc.includes(LABS.hba1cPercent.loinc);
  return (
    <div className="series" data-testid={`series-${group.key}`}>
      <SeriesChart group={group} target={isHba1c ? HBA1C_TARGET_MMOL_MOL : undefined} />
      <ol className="history-list" aria-label={t('seriesOf', { test: f.name(group.name) })}>
        {group.series.map((p) => (
          <li key={p.date ?? ''}>
            {f.date(p.date)} · <ObservationValue point={p} unit={group.unit} besideUnit={group.besideUnit} digits={group.digits} besideDigits={group.besideDigits} /> <SourceTags sources={p.sources} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Results grouped by test: the latest value with its trend, and the series behind an expander. */
export function ObservationsSection({ observations }: { observations: TObservationGroup[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const expanded = useExpanded();
  return (
    <RecordTable
      id="observations"
      title={t('observations')}
      headers={[t('test'), t('latest'), t('trendTitle'), t('results')]}
      rows={observations}
      date={{ header: t('date'), of: (g) => g.latest.date }}
      sources={(g) => g.series.flatMap((p) => p.sources)}
      cells={(g) => (
        <>
          <td data-testid="test-name">
            {f.name(g.name)}
            <br />
            <Codes codes={g.loinc} />
          </td>
          <td>
            <ObservationValue point={g.latest} unit={g.unit} besideUnit={g.besideUnit} digits={g.digits} besideDigits={g.besideDigits} />
            {g.conflicts > 0 && !g.latest.conflict ? <span className="badge warning">{t('conflicts', { count: g.conflicts })}</span> : null}
          </td>
          <td>
            <Trend trend={g.trend} />
          </td>
          <td>
            {g.series.length > 1 ? (
              <button type="button" className="button secondary small" aria-expanded={expanded.isOpen(g.key)} onClick={() => expanded.toggle(g.key)} data-testid={`series-toggle-${g.key}`}>
                {t('seriesCount', { count: g.series.length })}
                <span className="visually-hidden"> {f.name(g.name)}</span>
              </button>
            ) : (
              '1'
            )}
          </td>
        </>
      )}
      detail={(g) => (expanded.isOpen(g.key) ? <Series group={g} /> : null)}
    />
  );
}
