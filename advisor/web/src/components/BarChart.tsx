import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  chart: { display: 'grid', gridTemplateColumns: 'minmax(120px, 18rem) minmax(0, 1fr) 3rem', gap: '6px 12px', alignItems: 'center', margin: 0 },
  label: { overflowWrap: 'anywhere' },
  track: { height: '18px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall, minWidth: '2px', forcedColorAdjust: 'none' },
  value: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export interface BarChartItem {
  label: string;
  value: number;
}

/** A horizontal bar chart in plain CSS; the numbers stay visible as text for everyone. */
export function BarChart({ items, label }: { items: BarChartItem[]; label: string }) {
  const styles = useStyles();
  const maximum = Math.max(1, ...items.map((item) => item.value));
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div className={styles.chart}>
        {items.map((item) => (
          <div key={item.label} style={{ display: 'contents' }}>
            <span className={styles.label}>{item.label}</span>
            <div className={styles.track} aria-hidden="true">
              <div className={styles.bar} style={{ width: `${(item.value / maximum) * 100}%` }} />
            </div>
            <span className={styles.value}>{item.value}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
