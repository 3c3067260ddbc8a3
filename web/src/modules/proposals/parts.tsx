import './proposals.css';
import { Empty, Space, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../format';
import { ListPager } from '../../components/ListPager';
import type { Page } from '../../api/client';
import type { ProposalListItem } from './types';

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  awaiting_cosigners: 'orange',
  submitted: 'gold',
  returned: 'magenta',
  withdrawn: 'default',
  declined: 'default',
  merged: 'purple',
  converted: 'purple',
  registered: 'cyan',
  assigned: 'processing',
  objected: 'volcano',
  reply_review: 'gold',
  replied: 'blue',
  evaluated: 'geekblue',
  rehandling: 'red',
  closed: 'success',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{label}</Tag>;
}

export const numberText = (p: { number: number | null; termName?: string }) => (p.number ? `第 ${p.number} 号` : '未编号');

/** A list of proposals as rows that read well on a phone and on a desktop. */
export function ProposalList({
  list,
  page,
  pageSize,
  onPage,
  loading,
  showUnits,
  empty = '暂无提案',
}: {
  list: Page<ProposalListItem> | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  loading: boolean;
  showUnits?: boolean;
  empty?: string;
}) {
  if (loading) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!list?.items.length) return <Empty description={empty} />;
  const { items, total } = list;
  return (
    <div>
      {items.map((p) => (
        <div key={p.id} className="xs-prop-item" data-testid="proposal-row">
          <Link to={`/proposals/${p.id}`} className="xs-prop-title">
            {p.subject}
          </Link>
          <div className="xs-prop-meta">
            <Space size={4} wrap>
              <StatusTag status={p.status} label={p.statusLabel} />
              {p.isKey ? <Tag color="red">重点提案</Tag> : null}
              {p.isExcellent ? <Tag color="gold">优秀提案</Tag> : null}
              {p.overdue && <Tag color="red">已超期</Tag>}
            </Space>
            <span>{numberText(p)}</span>
            <span>{p.collectiveOrgName ?? p.proposers.join('、')}</span>
            {p.category && <span>{p.category}</span>}
            {showUnits && p.units.length > 0 && (
              <span>
                承办：{p.units.map((u) => `${u.name}（${{ lead: '主办', joint: '会办', separate: '分办' }[u.role]}）`).join('、')}
              </span>
            )}
            {p.dueDate && <span className={p.overdue ? 'xs-prop-overdue' : undefined}>办理时限：{p.dueDate}</span>}
            {!p.dueDate && p.submittedAt && <span>提交：{formatDate(p.submittedAt)}</span>}
          </div>
        </div>
      ))}
      <ListPager total={total} totalCapped={list.totalCapped} page={page} pageSize={pageSize} onPage={onPage} unit="件" />
    </div>
  );
}
