import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, qs, type Page } from '../api/client';
import { countText, formatTime } from '../format';

interface AuditRow {
  seq: number;
  at: string;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  details: string | null;
}
interface Filter {
  username?: string;
  action?: string;
  objectId?: string;
  result?: string;
  from?: string;
  to?: string;
  page: number;
}

const RESULT: Record<string, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'red' },
  denied: { label: '拒绝', color: 'orange' },
};

/** 审计日志 (security auditor): read, filter, export and verify the hash chain. */
export default function AuditPage() {
  const [filter, setFilter] = useState<Filter>({ page: 1 });
  const [verdict, setVerdict] = useState<{ ok: boolean; rows: number; brokenAt?: number; reason?: string } | null>(null);
  const list = useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api.get<Page<AuditRow>>(`/api/v1/audit${qs({ ...filter, pageSize: 50 })}`),
  });
  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<DownloadOutlined />} href={`/api/v1/audit/export${qs({ ...filter, page: undefined })}`}>
          导出 Excel
        </Button>
      }
    >
      <div className="xs-toolbar">
        <Input.Search
          placeholder="用户名"
          allowClear
          onSearch={(username) => setFilter({ ...filter, username, page: 1 })}
          style={{ maxWidth: 200 }}
        />
        <Input.Search
          placeholder="操作（前缀，如 proposal.）"
          allowClear
          onSearch={(action) => setFilter({ ...filter, action, page: 1 })}
          style={{ maxWidth: 240 }}
        />
        <Input.Search
          placeholder="对象编号"
          allowClear
          onSearch={(objectId) => setFilter({ ...filter, objectId: objectId.trim() || undefined, page: 1 })}
          style={{ maxWidth: 240 }}
        />
        <Select
          placeholder="结果"
          allowClear
          style={{ minWidth: 120 }}
          options={Object.entries(RESULT).map(([value, r]) => ({ value, label: r.label }))}
          onChange={(result) => setFilter({ ...filter, result, page: 1 })}
        />
        <DatePicker.RangePicker
          onChange={(range) => {
            const [from, to] = (range ?? []) as [Dayjs | null, Dayjs | null];
            setFilter({ ...filter, from: from?.startOf('day').toISOString(), to: to?.endOf('day').toISOString(), page: 1 });
          }}
        />
        <Button icon={<SafetyCertificateOutlined />} onClick={async () => setVerdict(await api.get('/api/v1/audit/verify'))}>
          校验哈希链
        </Button>
      </div>
      {verdict && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verdict.ok ? 'success' : 'error'}
          message={verdict.ok ? `哈希链完整，共 ${verdict.rows} 条记录` : `哈希链在第 ${verdict.brokenAt} 条断裂：${verdict.reason}`}
        />
      )}
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 1000 }}
        pagination={{
          current: filter.page,
          pageSize: 50,
          total: list.data?.total,
          onChange: (page) => setFilter({ ...filter, page }),
          showTotal: (n) => countText(n, list.data?.totalCapped, '条'),
        }}
        expandable={{
          expandedRowRender: (r) => <Typography.Text code>{r.details}</Typography.Text>,
          rowExpandable: (r) => Boolean(r.details),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', render: formatTime, width: 150 },
          { title: '用户', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role' },
          { title: 'IP', dataIndex: 'ip' },
          { title: '操作', dataIndex: 'action' },
          { title: '对象', render: (_, r) => (r.objectType ? `${r.objectType} ${r.objectId ?? ''}` : '') },
          { title: '结果', dataIndex: 'result', render: (v: string) => <Tag color={RESULT[v]?.color}>{RESULT[v]?.label ?? v}</Tag> },
        ]}
      />
    </Card>
  );
}
