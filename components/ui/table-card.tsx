import type { ReactNode } from 'react';

/**
 * A titled card holding one table: the heading labels the section, `emptyText` shows when there are no
 * rows, `children` (notices) sit between the heading and the table, `footer` below it.
 */
export function TableCard<T>({
  id,
  title,
  testId,
  headers,
  rows,
  rowKey,
  renderRow,
  emptyText,
  children,
  footer,
}: {
  id: string;
  title: ReactNode;
  testId?: string;
  headers: string[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** The cells of one row (a fragment of `<td>`s). */
  renderRow: (row: T) => ReactNode;
  emptyText?: string;
  children?: ReactNode;
  /** Below the table, e.g. a "show all" button. */
  footer?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      {rows && rows.length === 0 && emptyText ? <p className="muted">{emptyText}</p> : null}
      {rows && rows.length > 0 ? (
        <div className="table-wrap">
          <table data-testid={testId}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>{renderRow(row)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {footer}
    </section>
  );
}
