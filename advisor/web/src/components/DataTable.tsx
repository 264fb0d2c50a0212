import { Table, TableBody, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

/** Below this width (Teams side panel, phones) a table becomes one card per row. */
const narrow = '@media (max-width: 640px)';

const useStyles = makeStyles({
  wrapper: {
    overflowX: 'auto',
    // German compounds ("Medienentwicklungsplanfortschreibung") break rather than run into the next column.
    // Room above and below multi-line cells and buttons, so nothing touches the row lines.
    '& td': { overflowWrap: 'anywhere', paddingTop: '6px', paddingBottom: '6px' },
    [narrow]: {
      overflowX: 'visible',
      '& table, & tbody, & tr, & td': { display: 'block', width: 'auto' },
      // The column heads stay for screen readers; each cell shows its own head instead.
      '& thead': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
      '& tr': {
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
        padding: '8px 12px',
        marginBottom: '8px',
        backgroundColor: tokens.colorNeutralBackground1,
      },
      // The column's name on the left, the cell's content (wrapped in one element) beside it.
      '& td': {
        display: 'grid',
        gridTemplateColumns: 'minmax(96px, 34%) minmax(0, 1fr)',
        gap: '8px',
        padding: '4px 0',
        height: 'auto',
        minHeight: 0,
        overflowWrap: 'anywhere',
        borderBottom: 'none',
      },
      '& td::before': { content: 'attr(data-label)', color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
    },
  },
});

/**
 * Gives each cell of a row its column's name (shown in the narrow card layout) and wraps its
 * content in one element, so that text and sub-lines stay together beside the name.
 */
function labelCells(row: ReactNode, columns: string[]): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(row)) return row;
  let index = 0;
  const cells = Children.map(row.props.children, (cell) => {
    if (!isValidElement<{ children?: ReactNode }>(cell)) return cell;
    return cloneElement(cell as ReactElement<{ children?: ReactNode; 'data-label'?: string }>, { 'data-label': columns[index++] ?? '' }, <div>{cell.props.children}</div>);
  });
  return cloneElement(row, {}, cells);
}

/**
 * A table with a label for screen readers and German column heads; it scrolls sideways when wide
 * and turns into one card per row (each value under its column's name) on narrow screens.
 */
export function DataTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.wrapper}>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column}>{column}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{Children.map(children, (row) => labelCells(row, columns))}</TableBody>
      </Table>
    </div>
  );
}
