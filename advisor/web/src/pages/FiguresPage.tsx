import { DataVizPalette, GroupedVerticalBarChart, VerticalStackedBarChart, getColorFromToken, type GroupedVerticalBarChartData, type VerticalStackedChartProps } from '@fluentui/react-charts';
import { Button, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { TeamFigures, WeekFigures } from '../api-types.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PeriodSelect } from '../components/PeriodSelect.tsx';
import { usePageStyles } from '../components/styles.ts';
import { bookingStatusLabels, bookingStatuses, categoryLabels, ticketCategories } from '../labels.ts';
import { useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

const periods = [4, 12, 26, 52];
// Fluent's data-visualisation palette (qualitative colours, distinguishable in light and dark).
const palette = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3, DataVizPalette.color4, DataVizPalette.color5, DataVizPalette.color6, DataVizPalette.color7, DataVizPalette.color8].map((token) => getColorFromToken(token));

const useStyles = makeStyles({
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: '12px' },
  tile: { display: 'flex', flexDirection: 'column', gap: '2px', padding: '12px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  tileValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  charts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 520px), 1fr))', gap: '16px' },
  chart: { minWidth: 0, overflow: 'hidden' },
  // The library capitalises every word of a legend ("Als Vorgang An Das Team"); German keeps its case.
  legend: { textTransform: 'none' },
});

const weekLabel = (week: WeekFigures) => `KW ${Number(week.week.slice(-2))}`;
const monthLabel = (month: string) => new Date(`${month}-01T12:00:00Z`).toLocaleDateString('de-DE', { month: 'short', year: '2-digit' });
const hours = (value: number | null) => (value === null ? '–' : `${value.toLocaleString('de-DE')} Std.`);

function stacked<Row>(rows: Row[], xOf: (row: Row) => string, series: { legend: string; value: (row: Row) => number }[]): VerticalStackedChartProps[] {
  return rows.map((row) => ({
    xAxisPoint: xOf(row),
    chartData: series.map((entry, index) => ({ legend: entry.legend, data: entry.value(row), color: palette[index % palette.length] })),
  }));
}


/**
 * The chart library describes its charts to screen readers in English ("Vertical bar chart with 12
 * stacked bars. The X axis displays categories."); this replaces those labels with German ones.
 */
function useGermanChartLabels(container: React.RefObject<HTMLElement | null>, title: string, xAxis: string, yAxis: string) {
  useEffect(() => {
    for (const element of container.current?.querySelectorAll('[aria-label]') ?? []) {
      const label = element.getAttribute('aria-label') ?? '';
      if (/\bchart with\b/i.test(label)) element.setAttribute('aria-label', `Diagramm ${title}. Waagerechte Achse: ${xAxis}. Senkrechte Achse: ${yAxis}.`);
      else if (/\bX axis\b/.test(label)) element.setAttribute('aria-label', `Waagerechte Achse: ${xAxis}`);
      else if (/\bY axis\b/.test(label)) element.setAttribute('aria-label', `Senkrechte Achse: ${yAxis}`);
      else element.setAttribute('aria-label', label.replace(/\bcategory (\d+) of (\d+), with (\d+) bars?/, 'Gruppe $1 von $2, $3 Balken'));
    }
  });
}

function ChartCard({ title, description, xAxis = 'Kalenderwoche', yAxis = 'Anzahl', children }: { title: string; description: string; xAxis?: string; yAxis?: string; children: React.ReactNode }) {
  const styles = usePageStyles();
  const own = useStyles();
  const container = useRef<HTMLElement>(null);
  useGermanChartLabels(container, title, xAxis, yAxis);
  return (
    <section ref={container} className={`${styles.section} ${own.chart}`} aria-label={title}>
      <Text weight="semibold">{title}</Text>
      <Text size={200} className={styles.muted}>
        {description}
      </Text>
      {children}
    </section>
  );
}

/** What every chart shares: German numbers, height, legends in their own case. */
function useChartProps() {
  const own = useStyles();
  return { culture: 'de-DE', height: 280, hideLabels: true, legendsOverflowText: 'weitere', legendProps: { styles: { legend: own.legend } } };
}

function StackedChartCard({ title, description, xAxis, data }: { title: string; description: string; xAxis?: string; data: VerticalStackedChartProps[] }) {
  const chartProps = useChartProps();
  return (
    <ChartCard title={title} description={description} xAxis={xAxis}>
      <VerticalStackedBarChart chartTitle={title} data={data} {...chartProps} />
    </ChartCard>
  );
}

/** The team's figures: tickets, answers, response and resolution times, bookings; charts and a CSV download. */
export function FiguresPage() {
  const styles = usePageStyles();
  const own = useStyles();
  const { api } = useWorkspace();
  const [weeks, setWeeks] = useState(12);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const path = `/figures?weeks=${weeks}`;
  const report = useApiData(path, () => api<TeamFigures>(path));
  const figures = report.data;

  const download = async () => {
    setDownloadError(null);
    try {
      const csv = await api<Blob>(`/figures.csv?weeks=${weeks}`, { responseType: 'blob' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(csv);
      link.download = `kennzahlen-${figures?.from ?? ''}-bis-${figures?.to ?? ''}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setDownloadError(error instanceof Error ? error.message : 'Die Datei konnte nicht erstellt werden.');
    }
  };

  const weekRows = figures?.weeks ?? [];
  const period = figures?.period;
  const decided = (period?.firstResponse.withinSla ?? 0) + (period?.firstResponse.missedSla ?? 0);
  const slaShare = period && decided > 0 ? `${Math.round((100 * period.firstResponse.withinSla) / decided)} %` : '–';
  const durations: GroupedVerticalBarChartData[] = weekRows.map((week) => ({
    name: weekLabel(week),
    series: [
      { key: 'response', legend: 'Erste Antwort (Median)', data: week.firstResponse.medianHours ?? 0, color: palette[0], yAxisCalloutData: hours(week.firstResponse.medianHours) },
      { key: 'resolution', legend: 'Gelöst (Median)', data: week.resolution.medianHours ?? 0, color: palette[1], yAxisCalloutData: hours(week.resolution.medianHours) },
    ],
  }));
  const chartProps = useChartProps();

  return (
    <>
      <Title2 as="h1">Kennzahlen</Title2>
      <section className={styles.section}>
        <div className={styles.row}>
          <PeriodSelect value={weeks} choices={periods} unit="Wochen" onChange={setWeeks} />
          <Button icon={<ArrowDownload20Regular />} disabled={!figures} onClick={() => void download()}>
            Als CSV herunterladen
          </Button>
        </div>
        <ErrorMessage message={report.error ?? downloadError} />
        {report.isLoading && !figures ? <Loading /> : null}
        {period ? (
          <div className={own.tiles}>
            {[
              ['Vorgänge', period.tickets.toLocaleString('de-DE')],
              ['Vom Assistenten beantwortet', period.answered.toLocaleString('de-DE')],
              ['Ohne Antwort oder abgelehnt', (period.abstentions + period.refusals).toLocaleString('de-DE')],
              ['Erste Antwort in der Frist', slaShare],
              ['Erste Antwort, Median', hours(period.firstResponse.medianHours)],
            ].map(([label, value]) => (
              <div key={label} className={own.tile}>
                <Text size={200}>{label}</Text>
                <span className={own.tileValue}>{value}</span>
              </div>
            ))}
          </div>
        ) : null}
      </section>
      {figures ? (
        <div className={own.charts}>
          <StackedChartCard title="Vorgänge je Woche und Kategorie" description="Neu angelegte Vorgänge (zusammengeführte Doppel nicht gezählt)." data={stacked(weekRows, weekLabel, ticketCategories.map((code) => ({ legend: categoryLabels[code], value: (week: WeekFigures) => week.ticketsByCategory[code] })))} />
          <StackedChartCard title="Beantwortet oder an das Team" description="Fragen, die der Assistent aus den Unterlagen beantwortet hat, und Vorgänge, die an das Team gingen." data={stacked(weekRows, weekLabel, [
                { legend: 'Vom Assistenten beantwortet', value: (week) => week.answered },
                { legend: 'Als Vorgang an das Team', value: (week) => week.tickets },
              ])} />
          <StackedChartCard title="Ohne Antwort und abgelehnt" description="Fragen ohne verlässliche Antwort in den Unterlagen und als themenfremd abgelehnte Fragen (Einzelheiten unter Wissenslücken)." data={stacked(weekRows, weekLabel, [
                { legend: 'Ohne verlässliche Antwort', value: (week) => week.abstentions },
                { legend: 'Als themenfremd abgelehnt', value: (week) => week.refusals },
              ])} />
          <ChartCard title="Antwort- und Lösungszeit" xAxis="Kalenderwoche der Anlage" yAxis="Arbeitsstunden" description="Median in Arbeitsstunden (Mo–Fr 8–16 Uhr, ohne Feiertage in MV) je Woche der Anlage. Antwortfrist: 4 (dringend) bis 40 (niedrig) Arbeitsstunden.">
            <GroupedVerticalBarChart chartTitle="Antwort- und Lösungszeit" data={durations} yAxisTitle="Arbeitsstunden" {...chartProps} />
          </ChartCard>
          <StackedChartCard title="Erste Antwort in der Frist" description="Vorgänge je Woche, deren erste Antwort innerhalb der Antwortfrist lag, und solche, bei denen die Frist überschritten wurde (auch noch unbeantwortete)." data={stacked(weekRows, weekLabel, [
                { legend: 'In der Frist', value: (week) => week.firstResponse.withinSla },
                { legend: 'Frist überschritten', value: (week) => week.firstResponse.missedSla },
              ])} />
          <StackedChartCard title="Beratungstermine je Monat" xAxis="Monat" description="Angefragte Beratungen nach ihrem heutigen Stand." data={stacked(figures.months, (month) => monthLabel(month.month), bookingStatuses.map((code) => ({ legend: bookingStatusLabels[code], value: (month: TeamFigures['months'][number]) => month.bookingsByStatus[code] })))} />
        </div>
      ) : null}
    </>
  );
}
