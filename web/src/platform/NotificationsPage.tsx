import { Button, Card, List, Segmented, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { formatTime } from '../format';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export default function NotificationsPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('unread');
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications', filter],
    queryFn: () =>
      api.get<{ items: Notification[]; unread: number }>(`/api/v1/notifications?limit=200${filter === 'unread' ? '&unread=true' : ''}`),
  });
  const markRead = useMutation({
    mutationFn: (ids: string[] | 'all') => api.post('/api/v1/notifications/read', { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Card
      title="通知"
      extra={
        <Button onClick={() => markRead.mutate('all')} disabled={!list.data?.unread}>
          全部标为已读
        </Button>
      }
    >
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        options={[
          { label: `未读（${list.data?.unread ?? 0}）`, value: 'unread' },
          { label: '全部', value: 'all' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无通知' }}
        renderItem={(n) => (
          <List.Item
            actions={
              n.readAt
                ? []
                : [
                    <a key="read" onClick={() => markRead.mutate([n.id])}>
                      标为已读
                    </a>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <>
                  {!n.readAt && <Tag color="red">未读</Tag>}
                  {n.link ? (
                    <Link to={n.link} onClick={() => !n.readAt && markRead.mutate([n.id])}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </>
              }
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{n.body}</Typography.Paragraph>
                  {formatTime(n.createdAt)}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
