import './plan.css';
import { Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PLAN_STATUS_LABELS, type PlanStatus } from '@xieshang/shared';
import type { PlanItemSummary } from './types';

const STATUS_COLOR: Record<string, string> = { not_started: 'default', in_progress: 'processing', done: 'success' };

export const SECTION_NUMERALS = '一二三四五六七八九十';
export const sectionHeading = (no: number, title: string) => `${SECTION_NUMERALS[no - 1] ?? no}、${title}`;

export function ItemStatusTag({ item }: { item: Pick<PlanItemSummary, 'status' | 'statusLabel' | 'overdue'> }) {
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[item.status]}>{item.statusLabel}</Tag>
      {item.overdue && <Tag color="red">已逾期</Tag>}
    </Space>
  );
}

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  return <Tag color={status === 'active' ? 'green' : status === 'draft' ? 'orange' : 'default'}>{PLAN_STATUS_LABELS[status]}</Tag>;
}

/** One item as a card row: number, content, leaders, departments, deadline, status and progress. */
export function ItemRow({ item }: { item: PlanItemSummary }) {
  return (
    <div className="xs-plan-item" data-testid={`plan-item-${item.no}`}>
      <Link to={`/plan/items/${item.id}`}>
        <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 6, color: 'inherit' }}>
          <b>{item.no}.</b> {item.content}
        </Typography.Paragraph>
      </Link>
      <div className="xs-plan-meta">
        <span>责任领导：{item.leaderText}</span>
        <span>主责部门：{item.departmentText}</span>
        <span style={item.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>完成时限：{item.deadlineText ?? '未定'}</span>
      </div>
      <div className="xs-plan-status">
        <ItemStatusTag item={item} />
        <Progress
          percent={item.percent}
          size="small"
          style={{ flex: 1, minWidth: 120, margin: 0 }}
          status={item.overdue ? 'exception' : item.status === 'done' ? 'success' : 'active'}
        />
      </div>
    </div>
  );
}
