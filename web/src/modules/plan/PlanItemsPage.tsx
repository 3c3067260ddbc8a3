import { useState } from 'react';
import { Card, Empty, Pagination, Segmented, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { PLAN_ITEM_STATUS_LABELS } from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ItemRow } from './parts';
import type { PlanDetail, PlanItemSummary, PlanSummary } from './types';

type View = 'all' | 'mine' | 'leader' | 'department' | 'month';

/** Items across a plan: all, mine (as leader or lead department), by leader, by department, by month of deadline. */
export function PlanItemsView({ initial, title }: { initial: View; title: string }) {
  const { me } = useAuth();
  const [view, setView] = useState<View>(initial);
  const [filter, setFilter] = useState<{ leaderId?: string; departmentId?: string; month?: string; status?: string; overdue?: string }>({});
  const [page, setPage] = useState(1);
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api.get<Page<PlanSummary>>('/api/v1/plans') });
  const [planId, setPlanId] = useState<string>();
  const current = planId ?? plans.data?.items.find((p) => p.status === 'active')?.id ?? plans.data?.items[0]?.id;
  const plan = useQuery({
    queryKey: ['plan', current],
    queryFn: () => api.get<PlanDetail>(`/api/v1/plans/${current}`),
    enabled: Boolean(current),
  });
  const params = { planId: current, page, pageSize: 20, mine: view === 'mine' ? 'true' : undefined, ...filter };
  const items = useQuery({
    queryKey: ['plan-items', params],
    queryFn: () => api.get<Page<PlanItemSummary>>(`/api/v1/plan-items${qs(params)}`),
    enabled: Boolean(current),
  });
  const year = plan.data?.year ?? new Date().getFullYear();
  const months = Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}月`, value: `${year}-${String(i + 1).padStart(2, '0')}` }));
  const change = (patch: typeof filter) => {
    setFilter({ ...filter, ...patch });
    setPage(1);
  };
  return (
    <Card title={title}>
      <div className="xs-toolbar">
        <Select
          aria-label="年度"
          value={current}
          onChange={setPlanId}
          options={plans.data?.items.map((p) => ({ label: `${p.year} 年`, value: p.id }))}
          style={{ minWidth: 110 }}
        />
        <Segmented<View>
          value={view}
          onChange={(v) => {
            setView(v);
            setFilter({});
            setPage(1);
          }}
          options={[
            { label: '全部', value: 'all' },
            { label: me?.roles.includes('leader') ? '我的督办' : '我部门的', value: 'mine' },
            { label: '按领导', value: 'leader' },
            { label: '按部门', value: 'department' },
            { label: '按月份', value: 'month' },
          ]}
        />
        {view === 'leader' && (
          <Select
            aria-label="责任领导"
            allowClear
            placeholder="责任领导"
            value={filter.leaderId}
            onChange={(v) => change({ leaderId: v })}
            options={plan.data?.leaders.map((l) => ({ label: l.name, value: l.id }))}
            style={{ minWidth: 120 }}
          />
        )}
        {view === 'department' && (
          <Select
            aria-label="主责部门"
            allowClear
            placeholder="主责部门"
            value={filter.departmentId}
            onChange={(v) => change({ departmentId: v })}
            options={plan.data?.departments.map((d) => ({ label: d.name, value: d.id }))}
            style={{ minWidth: 150 }}
          />
        )}
        {view === 'month' && (
          <Select
            aria-label="完成时限月份"
            allowClear
            placeholder="完成时限月份"
            value={filter.month}
            onChange={(v) => change({ month: v })}
            options={months}
            style={{ minWidth: 110 }}
          />
        )}
        <Select
          aria-label="状态"
          allowClear
          placeholder="状态"
          value={filter.overdue ? 'overdue' : filter.status}
          onChange={(v?: string) => change(v === 'overdue' ? { overdue: 'true', status: undefined } : { status: v, overdue: undefined })}
          options={[
            ...Object.entries(PLAN_ITEM_STATUS_LABELS).map(([value, label]) => ({ value, label })),
            { value: 'overdue', label: '已逾期' },
          ]}
          style={{ minWidth: 100 }}
        />
      </div>
      {items.data?.items.length ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {items.data.items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
          <Pagination
            current={page}
            total={items.data.total}
            pageSize={20}
            onChange={setPage}
            size="small"
            showTotal={(n) => `共 ${n} 项`}
          />
        </Space>
      ) : (
        <Empty description={items.isLoading ? '加载中' : '没有符合条件的条目'} />
      )}
    </Card>
  );
}

export default function PlanItemsPage() {
  return <PlanItemsView initial="all" title="工作要点落实" />;
}
