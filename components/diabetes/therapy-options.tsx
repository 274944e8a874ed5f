'use client';
import { useTranslations } from 'next-intl';
import { useRecordFormat } from '@/components/records/use-record-format';
import { featureUnit } from './feature-unit';
import type { TOptionView, TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';

const GROUP_BADGE = { 'organ-protection': 'success', 'by-priority': 'info', withheld: 'warning', excluded: 'danger' } as const;
const TOP_FACTORS = 4;

function useSigned() {
  const f = useRecordFormat();
  return (v: number, digits = 1) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${f.number(Math.abs(v), digits)}`;
}

/** The features that moved this option's prediction most, with the direction (TreeSHAP, mmol/mol). */
export function TopFactors({ option }: { option: TOptionView }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const signed = useSigned();
  if (!option.explanation) return null;
  const top = [...option.explanation.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, TOP_FACTORS);
  return (
    <div className="factors" data-testid="top-factors">
      <h4>{t('options.factorsTitle')}</h4>
      <p className="muted small">{t('options.factorsIntro', { baseline: signed(option.explanation.baselineMmolMol), klass: signed(option.explanation.candidateClassContribution) })}</p>
      <ul className="plain-list">
        {top.map((c) => (
          <li key={c.feature} className="factor">
            <span>
              {t(`features.${c.feature}`)}: {c.value === null ? t('options.missingValue') : `${f.number(c.value)} ${featureUnit(c.unit, t('options.years'))}`}
            </span>
            <span className={c.contribution < 0 ? 'factor-lower' : 'factor-higher'}>
              {t('options.factorEffect', { value: signed(c.contribution) })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A guardrail's message with a link to its source, so the clinician can check the rule. */
function Finding({ finding }: { finding: TOptionView['findings'][number] }) {
  return (
    <>
      {finding.message}{' '}
      <a href={finding.source.url} target="_blank" rel="noreferrer" className="small">
        {finding.source.label}
      </a>
    </>
  );
}

function OptionCard({ option, missingOptional }: { option: TOptionView; missingOptional: TRecommendationView['missingOptional'] }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const signed = useSigned();
  const offered = option.rank !== null;
  const protection = option.findings.filter((x) => x.effect === 'recommended');
  const notes = option.findings.filter((x) => x.effect === 'caution' || x.effect === 'consider');
  const exclusions = option.findings.filter((x) => !['recommended', 'caution', 'consider'].includes(x.effect));
  return (
    <li className={`option-card ${option.group}`} data-testid={`option-${option.drugClass}`} data-rank={option.rank ?? ''} data-group={option.group}>
      <div className="option-head">
        <h3>
          {offered ? <span className="option-rank">{option.rank}</span> : null}
          {t(`classes.${option.drugClass}`)} <span className="muted small mono">ATC {option.atc}</span>
        </h3>
        <span className={`badge ${GROUP_BADGE[option.group]}`}>{t(`options.groups.${option.group}`)}</span>
      </div>
      {option.group === 'excluded' || option.group === 'withheld' ? (
        <ul className="plain-list exclusion" data-testid="exclusion-reasons">
          {option.group === 'withheld' ? <li>{option.reason}</li> : null}
          {exclusions.map((x) => (
            <li key={x.ruleId}>
              <Finding finding={x} />
            </li>
          ))}
        </ul>
      ) : null}
      {offered ? (
        <>
          <dl className="option-facts">
            <div>
              <dt>{t('options.hba1cChange')}</dt>
              <dd>
                <strong>{signed(option.predictedHba1cChangeMmolMol)} mmol/mol</strong>
                <span className="muted small"> {t('options.interval', { low: signed(option.intervalMmolMol.p10), high: signed(option.intervalMmolMol.p90) })}</span>
              </dd>
            </div>
            <div>
              <dt>{t('options.expected')}</dt>
              <dd>
                {f.number(option.predictedHba1cMmolMol, 0)} mmol/mol ({f.number(option.predictedHba1cPercent, 1)} %)
              </dd>
            </div>
            <div>
              <dt>{t('options.weight')}</dt>
              <dd>
                {signed(option.weightChangeKg.predicted)} kg <span className="muted small">{t('options.interval', { low: signed(option.weightChangeKg.p10), high: signed(option.weightChangeKg.p90) })}</span>
              </dd>
            </div>
            <div>
              <dt>{t('options.hypo')}</dt>
              <dd>
                {f.number(option.hypoglycaemiaRisk12m.predicted * 100, 0)} % <span className="muted small">{t('options.riskInterval', { low: f.number(option.hypoglycaemiaRisk12m.low * 100, 0), high: f.number(option.hypoglycaemiaRisk12m.high * 100, 0) })}</span>
              </dd>
            </div>
            <div>
              <dt>{t('options.cost')}</dt>
              <dd>{t(`options.costTier.${option.costTier}`)}</dd>
            </div>
            <div>
              <dt>{t('options.protection')}</dt>
              <dd>{protection.length > 0 ? protection.map((x) => x.message).join(' ') : <span className="muted">—</span>}</dd>
            </div>
          </dl>
          {notes.length > 0 ? (
            <ul className="plain-list guideline-notes">
              {notes.map((x) => (
                <li key={x.ruleId}>
                  <span className={`badge ${x.severity === 'high' ? 'danger' : 'warning'}`}>{t('options.note')}</span> <Finding finding={x} />
                </li>
              ))}
            </ul>
          ) : null}
          <p className="muted small option-reason">{option.reason}</p>
          {missingOptional.length > 0 ? <p className="muted small">{t('options.withoutInputs', { inputs: missingOptional.map((m) => m.label).join(', ') })}</p> : null}
        </>
      ) : null}
    </li>
  );
}

/** The ranked options (not a directive), then the withheld and excluded classes with their reasons. */
export function TherapyOptions({ view }: { view: TRecommendationView }) {
  const t = useTranslations('diabetes');
  const ranked = view.options.filter((o) => o.rank !== null);
  const others = view.options.filter((o) => o.rank === null);
  const first = ranked[0];
  return (
    <>
      {view.intensification && !view.intensification.indicated && view.intensification.advice ? <p className="notice success">{view.intensification.advice}</p> : null}
      <ol className="option-list" data-testid="ranked-options">
        {ranked.map((o) => (
          <OptionCard key={o.drugClass} option={o} missingOptional={view.missingOptional} />
        ))}
      </ol>
      {ranked.length === 0 && view.options.length > 0 ? <p className="muted">{t('options.noneRanked')}</p> : null}
      {first ? <TopFactors option={first} /> : null}
      {others.length > 0 ? (
        <>
          <h3 className="subhead">{t('options.notProposed')}</h3>
          <ul className="option-list compact" data-testid="not-proposed">
            {others.map((o) => (
              <OptionCard key={o.drugClass} option={o} missingOptional={view.missingOptional} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
