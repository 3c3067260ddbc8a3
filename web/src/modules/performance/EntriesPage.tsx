import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ENTRY_STATES } from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { countText } from '../../format';
import { EntryForm } from './EntryForm';
import { yearOptions, type Entry } from './api';
import './performance.css';

/** 履职登记与审核 (staff) or 我的履职申报 (member): entries the system cannot see by itself. */
export default function EntriesPage() {
  const { can } = useAuth();
  const staff = can('performance.entry.manage');
  const client = useQueryClient();
  const [status, setStatus] = useState<string | undefined>(staff ? 'submitted' : undefined);
  const [year, setYear] = useState<number>();
  const [page, setPage] = useState(1);
  const [entering, setEntering] = useState(false);
  const list = useQuery({
    queryKey: ['performance', 'entries', status, year, page],
    queryFn: () => api.get<Page<Entry>>(`/api/v1/performance/entries${qs({ status, year, page })}`),
  });
  return (
    <Card
      className="xs-perf"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {staff ? '履职登记与审核' : '我的履职申报'}
        </Typography.Title>
      }
      extra={
        <Button type="primary" onClick={() => setEntering(true)}>
          {staff ? '登记履职' : '申报履职'}
        </Button>
      }
    >
      <Space wrap className="xs-perf-filters">
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={Object.entries(ENTRY_STATES).map(([value, label]) => ({ value, label }))}
          style={{ width: 120 }}
        />
        <Select
          aria-label="年度"
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={(v) => (setYear(v), setPage(1))}
          options={yearOptions()}
          style={{ width: 120 }}
        />
      </Space>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 640 }}
        pagination={{
          current: page,
          total: list.data?.total,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => countText(n, list.data?.totalCapped, '项'),
        }}
        columns={[
          ...(staff ? [{ title: '委员', dataIndex: 'memberName', width: 90 }] : []),
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '内容', dataIndex: 'description', render: (v: string, r: Entry) => <Link to={r.link}>{v}</Link> },
          { title: '积分', dataIndex: 'points', width: 60 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 90,
            render: (v: string, r: Entry) => (
              <Tag color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : undefined}>{v}</Tag>
            ),
          },
        ]}
      />
      <EntryForm
        open={entering}
        forStaff={staff}
        onClose={() => setEntering(false)}
        onDone={() => {
          setEntering(false);
          void client.invalidateQueries({ queryKey: ['performance'] });
        }}
      />
    </Card>
  );
}
