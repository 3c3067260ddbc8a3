import { useState } from 'react';
import { App, Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { CalendarOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { formatTime } from '../../format';
import { useEvents } from './api';
import { AttendanceTag, EventStatusTag, InvitationTag } from './parts';
import './activities.css';

/** 我的活动: the events I am invited to, my answers, my check-ins, and my calendar subscription. */
export default function MyActivitiesPage() {
  const { message } = App.useApp();
  const [when, setWhen] = useState<'即将' | '过往'>('即将');
  const now = dayjs().startOf('day').toISOString();
  const events = useEvents(when === '即将' ? { mine: true, from: now } : { mine: true, to: now });
  const items = when === '过往' ? [...(events.data?.items ?? [])].reverse() : (events.data?.items ?? []);
  const feed = useQuery({
    queryKey: ['activities', 'feed'],
    queryFn: () => api.get<{ url: string }>('/api/v1/activities/calendar-token'),
    enabled: false,
  });
  const renew = useMutation({
    mutationFn: () => api.post<{ url: string }>('/api/v1/activities/calendar-token'),
    onSuccess: () => {
      message.success('已重置，旧的订阅地址失效');
      feed.refetch();
    },
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的活动
        </Typography.Title>
      }
      extra={
        <Link to="/activities/checkin">
          <Button type="primary" icon={<QrcodeOutlined />}>
            签到
          </Button>
        </Link>
      }
    >
      <Segmented options={['即将', '过往']} value={when} onChange={(v) => setWhen(v as '即将' | '过往')} style={{ marginBottom: 12 }} />
      {items.length === 0 && !events.isLoading ? (
        <Empty description={when === '即将' ? '近期没有受邀的活动' : '没有过往活动'} />
      ) : (
        <List
          loading={events.isLoading}
          dataSource={items}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/activities/events/${e.id}`}>{e.title}</Link>}
                description={
                  <Space direction="vertical" size={4}>
                    <span>
                      {formatTime(e.startsAt)} · {e.place}
                    </span>
                    <Space wrap>
                      <EventStatusTag status={e.status} />
                      {e.invitationStatus && <InvitationTag status={e.invitationStatus} />}
                      {(e.attendance || e.status === 'finished' || e.status === 'concluded') && <AttendanceTag value={e.attendance} />}
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Card
        size="small"
        title={
          <>
            <CalendarOutlined /> 订阅到手机日历
          </>
        }
        style={{ marginTop: 16 }}
      >
        {feed.data ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph copyable={{ text: feed.data.url }} style={{ wordBreak: 'break-all', margin: 0 }}>
              {feed.data.url}
            </Typography.Paragraph>
            <Button size="small" onClick={() => renew.mutate()} loading={renew.isPending}>
              重置订阅地址
            </Button>
          </Space>
        ) : (
          <Button onClick={() => feed.refetch()} loading={feed.isFetching}>
            显示订阅地址
          </Button>
        )}
      </Card>
    </Card>
  );
}
