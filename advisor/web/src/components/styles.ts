import { makeStyles, tokens } from '@fluentui/react-components';

/** Layout shared by the pages: sections as cards, filter rows, forms. */
export const usePageStyles = makeStyles({
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '16px',
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '12px' },
  grow: { flexGrow: 1, minWidth: '220px' },
  muted: { color: tokens.colorNeutralForeground3 },
  columns: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(280px, 1fr)', gap: '16px', '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  // A row of tabs scrolls sideways where it does not fit (Teams side panel) instead of widening the page.
  tabs: { maxWidth: '100%', overflowX: 'auto', flexShrink: 0 },
  // Present for keyboard and screen readers, not drawn (e.g. the native file input behind a button).
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', opacity: 0 },
  stack: { display: 'flex', flexDirection: 'column', gap: '16px', minWidth: 0 },
});
