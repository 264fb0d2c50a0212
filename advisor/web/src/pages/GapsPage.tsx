import { Text, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { KnowledgeGap } from '../api-types.ts';
import { BarChart } from '../components/BarChart.tsx';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PeriodSelect } from '../components/PeriodSelect.tsx';
import { PlainText } from '../components/PlainText.tsx';
import { usePageStyles } from '../components/styles.ts';
import { useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

const periods = [7, 30, 90, 365];

/** Questions the knowledge base could not answer, by topic: where documents are missing. */
export function GapsPage() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [days, setDays] = useState(30);
  const path = `/knowledge-gaps?days=${days}`;
  const report = useApiData(path, () => api<{ days: number; gaps: KnowledgeGap[] }>(path));
  const gaps = report.data?.gaps ?? [];
  const total = gaps.reduce((sum, gap) => sum + gap.count, 0);

  return (
    <>
      <Title2 as="h1">Wissenslücken</Title2>
      <section className={styles.section}>
        <div className={styles.row}>
          <PeriodSelect value={days} choices={periods} unit="Tage" onChange={setDays} />
        </div>
        <ErrorMessage message={report.error} />
        {report.isLoading && !report.data ? <Loading /> : null}
        {report.data ? (
          <>
            <Text>
              {total === 0
                ? 'In diesem Zeitraum konnte der Assistent jede Frage aus den Unterlagen beantworten.'
                : `${total} ${total === 1 ? 'Frage' : 'Fragen'} ohne verlässliche Antwort in ${gaps.length} ${gaps.length === 1 ? 'Thema' : 'Themen'}.`}
            </Text>
            {gaps.length > 0 ? <BarChart label="Unbeantwortete Fragen je Thema" items={gaps.map((gap) => ({ label: gap.topic, value: gap.count }))} /> : null}
          </>
        ) : null}
      </section>
      {gaps.map((gap) => (
        <section key={gap.topic} className={styles.section} aria-label={gap.topic}>
          <Text weight="semibold">
            {gap.topic} ({gap.count})
          </Text>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {gap.examples.map((example, index) => (
              <li key={index}>
                <PlainText text={example} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
