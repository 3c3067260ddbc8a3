import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Input, Segmented, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api/client';
import { NoticeList } from './parts';
import type { NoticeListItem } from './types';

const PAGE_SIZE = 20;
const FILTERS: Record<string, string | undefined> = { 全部: undefined, 草稿: 'draft', 已发布: 'published', 已撤回: 'withdrawn' };

/** 通知通报管理: my department's notices in every state, latest written first, found by words of the title. */
export default function ManagedNoticesPage() {
  const [filter, setFilter] = useState('全部');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notices', 'managed', filter, q, page],
    queryFn: () => api.get<Page<NoticeListItem>>(`/api/v1/notices/managed${qs({ status: FILTERS[filter], q, page, pageSize: PAGE_SIZE })}`),
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          通知通报管理
        </Typography.Title>
      }
      extra={
        <Link to="/notices/new">
          <Button type="primary" icon={<EditOutlined />}>
            起草
          </Button>
        </Link>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          options={Object.keys(FILTERS)}
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
        />
        <Input.Search
          allowClear
          placeholder="按标题搜索"
          aria-label="按标题搜索"
          style={{ width: 200 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
      </Space>
      <NoticeList
        list={list.data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={list.isLoading}
        managed
        empty="还没有通知通报，点击「起草」开始"
      />
    </Card>
  );
}
