import { Table, TableBody, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { usePageStyles } from './styles.ts';

/** A small, horizontally scrolling table with a label for screen readers and German column heads. */
export function DataTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  const styles = usePageStyles();
  return (
    <div className={styles.tableWrapper}>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column}>{column}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
