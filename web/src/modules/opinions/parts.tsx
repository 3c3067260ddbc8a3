import './opinions.css';
import { Empty, Space, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../format';
import { ListPager } from '../../components/ListPager';
import type { Page } from '../../api/client';
import type { OpinionListItem, OpinionText } from './types';

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'gold',
  returned: 'magenta',
  withdrawn: 'default',
  accepted: 'processing',
  adopted: 'success',
  declined: 'default',
  closed: 'geekblue',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{label}</Tag>;
}

/** The three parts of a report's text. */
export function OpinionBody({ text }: { text: OpinionText }) {
  return (
    <div className="xs-op-body">
      <h4>一、情况</h4>
      <p>{text.situation}</p>
      <h4>二、分析</h4>
      <p>{text.analysis}</p>
      <h4>三、建议</h4>
      <p>{text.suggestions}</p>
    </div>
  );
}

/** A list of reports as rows that read well on a phone and on a desktop. */
export function OpinionList({
  list,
  page,
  pageSize,
  onPage,
  loading,
  empty = '暂无社情民意信息',
}: {
  list: Page<OpinionListItem> | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  loading: boolean;
  empty?: string;
}) {
  if (loading) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!list?.items.length) return <Empty description={empty} />;
  return (
    <div>
      {list.items.map((r) => (
        <div key={r.id} className="xs-op-item" data-testid="opinion-row">
          <Link to={`/opinions/${r.id}`} className="xs-op-title">
            {r.editedTitle ?? r.title}
          </Link>
          <div className="xs-op-meta">
            <Space size={4} wrap>
              <StatusTag status={r.status} label={r.statusLabel} />
              {r.adoptions.map((a) => (
                <Tag key={a.level} color="green">
                  {a.label}
                </Tag>
              ))}
            </Space>
            <span>{r.sourceName}</span>
            <span>{r.category}</span>
            {r.submittedAt && <span>报送：{formatDate(r.submittedAt)}</span>}
          </div>
        </div>
      ))}
      <ListPager total={list.total} totalCapped={list.totalCapped} page={page} pageSize={pageSize} onPage={onPage} unit="篇" />
    </div>
  );
}
