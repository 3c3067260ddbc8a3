import { Pagination } from 'antd';
import { countText } from '../format';

/** The pager under a list of rows, shown once there is more than a page: its total, capped or not, in `unit`s. */
export function ListPager({
  total,
  totalCapped,
  page,
  pageSize,
  onPage,
  unit,
}: {
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  unit: string;
}) {
  if (total <= pageSize) return null;
  return (
    <Pagination
      style={{ marginTop: 12 }}
      current={page}
      pageSize={pageSize}
      total={total}
      onChange={onPage}
      showSizeChanger={false}
      showTotal={(n) => countText(n, totalCapped, unit)}
      size="small"
    />
  );
}
