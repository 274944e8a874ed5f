import { Fragment, type ReactNode } from 'react';

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
  detail,
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
  /** A row's expanded part (a history, a series), shown in a full-width row under it when not null. */
  detail?: (row: T) => ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      {rows && rows.length === 0 && emptyText ? <p className="muted">{emptyText}</p> : null}
      {rows && rows.length > 0 ? (
        // A wide table scrolls inside its card, and the keyboard can scroll it too (WCAG 2.1.1; axe
        // scrollable-region-focusable): the scroll area is focusable and named by the card heading (a group, not
        // a second landmark of the same name).
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={`${id}-title`}>
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
              {rows.map((row) => {
                const more = detail?.(row);
                return (
                  <Fragment key={rowKey(row)}>
                    <tr>{renderRow(row)}</tr>
                    {more ? (
                      <tr className="detail-row">
                        <td colSpan={headers.length}>{more}</td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {footer}
    </section>
  );
}
