import { useState } from 'react';
import { App, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import type { Rule } from './api';
import './performance.css';

/** 积分规则: points per occurrence, yearly cap and deductions, and the pass line; every change is audited. */
export default function RulesPage() {
  const { can } = useAuth();
  const editable = can('performance.rules.manage');
  const { message } = App.useApp();
  const client = useQueryClient();
  const rules = useQuery({
    queryKey: ['performance', 'rules'],
    queryFn: () => api.get<{ items: Rule[]; threshold: number }>('/api/v1/performance/rules'),
  });
  const [edits, setEdits] = useState<Record<string, { points: number; cap: number | null }>>({});
  const [threshold, setThreshold] = useState<number | null>(null);
  const saveRule = useMutation({
    mutationFn: (r: { kind: string; points: number; cap: number | null }) =>
      api.put(`/api/v1/performance/rules/${r.kind}`, { points: r.points, cap: r.cap }),
    onSuccess: (_d, r) => {
      message.success('积分规则已保存，此后计算的积分按新规则');
      setEdits(({ [r.kind]: _, ...rest }) => rest);
      void client.invalidateQueries({ queryKey: ['performance'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  const saveThreshold = useMutation({
    mutationFn: (value: number) => api.put('/api/v1/performance/settings', { threshold: value }),
    onSuccess: () => {
      message.success('达标分数线已保存');
      setThreshold(null);
      void client.invalidateQueries({ queryKey: ['performance'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  const current = (r: Rule) => edits[r.kind] ?? { points: r.points, cap: r.cap };
  const edit = (r: Rule, patch: Partial<{ points: number; cap: number | null }>) =>
    setEdits((all) => ({ ...all, [r.kind]: { ...current(r), ...patch } }));
  return (
    <Card
      className="xs-perf"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          积分规则
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        每项履职按“每次积分”计分，一年内至多计“年度上限”分；扣分项（如无故缺席）填负数，上限为一年内至多扣的分数。手工登记的项目（履职作业等）“每次积分”为每项至多给的分。规则修改后，此后查看的档案和评价即按新规则计算，修改记入审计日志。
      </Typography.Paragraph>
      <Space wrap className="xs-perf-filters">
        <span>达标分数线</span>
        <InputNumber
          aria-label="达标分数线"
          min={0}
          max={1000}
          precision={0}
          disabled={!editable}
          value={threshold ?? rules.data?.threshold}
          onChange={(v) => setThreshold(v)}
        />
        {editable && (
          <Button
            disabled={threshold === null}
            loading={saveThreshold.isPending}
            onClick={() => threshold !== null && saveThreshold.mutate(threshold)}
          >
            保存
          </Button>
        )}
      </Space>
      <Table<Rule>
        rowKey="kind"
        size="small"
        loading={rules.isLoading}
        dataSource={rules.data?.items}
        pagination={false}
        scroll={{ x: 680 }}
        columns={[
          {
            title: '项目',
            dataIndex: 'label',
            render: (v: string, r) => (
              <>
                {v}
                {r.manual && <Tag style={{ marginLeft: 4 }}>手工登记</Tag>}
              </>
            ),
          },
          {
            title: '每次积分',
            key: 'points',
            width: 100,
            render: (_: unknown, r) => (
              <InputNumber
                aria-label={`${r.label}每次积分`}
                size="small"
                min={r.manual ? 0 : -100}
                max={100}
                precision={0}
                disabled={!editable}
                value={current(r).points}
                onChange={(v) => edit(r, { points: v ?? 0 })}
              />
            ),
          },
          {
            title: '年度上限',
            key: 'cap',
            width: 110,
            render: (_: unknown, r) => (
              <InputNumber
                aria-label={`${r.label}年度上限`}
                size="small"
                min={0}
                max={10000}
                precision={0}
                placeholder="不限"
                disabled={!editable}
                value={current(r).cap}
                onChange={(v) => edit(r, { cap: v ?? null })}
              />
            ),
          },
          {
            title: '最近修改',
            key: 'updated',
            width: 150,
            render: (_: unknown, r) =>
              r.updatedByName ? `${r.updatedByName} ${new Date(r.updatedAt).toLocaleString('zh-CN', { hour12: false })}` : '默认',
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'save',
                  width: 80,
                  render: (_: unknown, r: Rule) => (
                    <Button
                      size="small"
                      type="primary"
                      disabled={!edits[r.kind]}
                      loading={saveRule.isPending && saveRule.variables?.kind === r.kind}
                      onClick={() => saveRule.mutate({ kind: r.kind, ...current(r) })}
                    >
                      保存
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
