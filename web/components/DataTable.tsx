import { Card, List, Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { PaginationConfig } from 'antd/es/pagination/index.js';
import type { ColumnType } from 'antd/es/table/index.js';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { useIsPhone } from './useIsPhone.js';

/** A column of a DataTable: antd's column, with what the phone card and long text need. */
export interface DataColumn<T> extends ColumnType<T> {
  key: string;
  /** Long free text (notes, titles, addresses): wraps within this many pixels instead of widening the table. */
  wrap?: number;
  /** In the phone card: part of the card's title line, or left out (e.g. a hash); a labelled line otherwise. */
  card?: 'title' | 'hidden';
}

export interface DataTableProps<T> {
  id?: string;
  rowKey: string | ((row: T) => Key);
  columns: DataColumn<T>[];
  dataSource: readonly T[] | undefined;
  loading?: boolean;
  size?: TableProps<T>['size'];
  bordered?: boolean;
  pagination?: false | TablePaginationConfig;
  locale?: { emptyText?: ReactNode };
  onRow?: (row: T) => HTMLAttributes<HTMLElement>;
  onChange?: TableProps<T>['onChange'];
  /**
   * The row's actions (buttons, links). On a desk the last column, fixed at the right: in view
   * however wide the other columns make the table. On a phone the foot of the row's card.
   */
  actions?: { render: (row: T) => ReactNode; title?: ReactNode };
  /** The phone card's title, when the title columns' own values would not say enough. */
  cardTitle?: (row: T) => ReactNode;
}

type Path = string | number | readonly (string | number)[] | undefined;

/** What a column shows for a row: its render of its dataIndex's value, as the table would. */
function cellValue<T>(col: DataColumn<T>, row: T, index: number): ReactNode {
  // Read as a plain path: antd's own type of dataIndex is a deep path type that is costly to narrow.
  const at = (col as { dataIndex?: unknown }).dataIndex as Path;
  const path = at === undefined ? [] : typeof at === 'object' ? at : [at];
  let value: unknown = path.length ? row : undefined;
  for (const p of path) value = value == null ? undefined : (value as Record<string | number, unknown>)[p];
  return (col.render ? col.render(value, row, index) : value) as ReactNode;
}

const blank = (v: ReactNode) => v === null || v === undefined || v === false || v === '';

/**
 * The app's table. On a desk: antd's Table at its content's width, scrolling inside its box when
 * wider than the screen, with long text wrapped (`wrap`) and the actions fixed at the right. On a
 * phone: one card per row, the title columns on top, the others as labelled lines, the actions
 * below, so nothing a user acts on lies off-screen.
 */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const isPhone = useIsPhone();
  if (isPhone) return <RowCards {...props} />;
  const { columns, actions } = props;
  const desk = columns.map((col): ColumnType<T> => {
    const { wrap } = col;
    if (!wrap) return col;
    return {
      ...col,
      render: (_: unknown, row: T, index: number) => (
        <div className="cell-wrap" style={{ maxWidth: wrap }}>
          {cellValue(col, row, index)}
        </div>
      ),
    };
  });
  if (actions)
    desk.push({
      key: 'actions',
      title: actions.title ?? '',
      fixed: 'right',
      className: 'table-actions',
      render: (_: unknown, row: T) => <div className="table-actions-inner">{actions.render(row)}</div>,
    });
  return (
    <Table<T>
      id={props.id}
      rowKey={props.rowKey}
      columns={desk}
      dataSource={props.dataSource}
      loading={props.loading}
      size={props.size}
      bordered={props.bordered}
      pagination={props.pagination}
      locale={props.locale}
      onRow={props.onRow}
      onChange={props.onChange}
      scroll={{ x: 'max-content' }}
    />
  );
}

function RowCards<T extends object>({ columns, actions, id, rowKey, dataSource, loading, pagination, locale, onRow, cardTitle }: DataTableProps<T>) {
  const rows = dataSource ? [...dataSource] : [];
  const titled = columns.filter((c) => c.card === 'title');
  const lines = columns.filter((c) => c.card === undefined);
  const key = (row: T): Key => (typeof rowKey === 'function' ? rowKey(row) : (row as Record<string, Key>)[rowKey]);
  const paged: false | PaginationConfig = pagination
    ? {
        current: pagination.current,
        pageSize: pagination.pageSize,
        total: pagination.total,
        hideOnSinglePage: true,
        onChange: pagination.onChange,
        simple: true,
        align: 'center',
        style: { marginTop: 12 },
      }
    : false;
  return (
    <div id={id} className="data-cards">
      <List<T>
        split={false}
        dataSource={rows}
        loading={loading}
        locale={locale?.emptyText !== undefined ? { emptyText: locale.emptyText } : undefined}
        pagination={paged}
        rowKey={key}
        renderItem={(row) => {
          const index = rows.indexOf(row);
          const { style, ...attrs } = onRow?.(row) ?? {};
          const title = (cardTitle ? [cardTitle(row)] : titled.map((c) => cellValue(c, row, index))).filter((v) => !blank(v));
          const action = actions?.render(row);
          return (
            <List.Item className="data-card-item">
              <Card size="small" className="mobile-card data-card" style={style} {...(attrs as Record<string, unknown>)}>
                {title.length > 0 && (
                  <div className="mobile-card-title data-card-title">
                    {title.map((v, i) => (
                      <span key={i}>{v}</span>
                    ))}
                  </div>
                )}
                <dl className="data-card-fields">
                  {lines.map((c) => {
                    const v = cellValue(c, row, index);
                    if (blank(v)) return null;
                    return (
                      <div key={c.key} className="data-card-field">
                        <dt>{typeof c.title === 'function' ? null : c.title}</dt>
                        <dd>{v}</dd>
                      </div>
                    );
                  })}
                </dl>
                {!blank(action) && <div className="data-card-actions">{action}</div>}
              </Card>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
