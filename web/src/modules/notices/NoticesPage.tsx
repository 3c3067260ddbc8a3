import { useState } from 'react';
import { Card, Segmented, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { NOTICE_KINDS } from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import { NoticeList } from './parts';
import type { NoticeListItem } from './types';

const PAGE_SIZE = 20;

/** 通知通报: what was sent to me, newest first; the unread ones alone if I like. */
export default function NoticesPage() {
  const [unread, setUnread] = useState(false);
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notices', 'received', unread, kind, page],
    queryFn: () =>
      api.get<Page<NoticeListItem>>(`/api/v1/notices${qs({ unread: unread ? 'true' : undefined, kind, page, pageSize: PAGE_SIZE })}`),
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          通知通报
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          options={['全部', '未读']}
          value={unread ? '未读' : '全部'}
          onChange={(v) => {
            setUnread(v === '未读');
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="全部类型"
          aria-label="类型"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={Object.entries(NOTICE_KINDS).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <NoticeList
        list={list.data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={list.isLoading}
        empty={unread ? '没有未读的通知通报' : '还没有发给您的通知通报'}
      />
    </Card>
  );
}
