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

const PAGE_SIZE = 20;

/** 我的活动: the events I am invited to, my answers, my check-ins, and my calendar subscription. */
export default function MyActivitiesPage() {
  const { message } = App.useApp();
  const [when, setWhen] = useState<'即将' | '过往'>('即将');
  const [page, setPage] = useState(1);
  const today = dayjs().tz('Asia/Shanghai').startOf('day').toISOString();
  // The server lists today's and later events nearest first and earlier ones latest first.
  const events = useEvents({ mine: true, ...(when === '即将' ? { from: today } : { to: today }), page, pageSize: PAGE_SIZE });
  const items = events.data?.items ?? [];
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
      <Segmented
        options={['即将', '过往']}
        value={when}
        onChange={(v) => {
          setWhen(v as '即将' | '过往');
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      {items.length === 0 && !events.isLoading ? (
        <Empty description={when === '即将' ? '近期没有受邀的活动' : '没有过往活动'} />
      ) : (
        <List
          loading={events.isLoading}
          dataSource={items}
          pagination={
            (events.data?.total ?? 0) > PAGE_SIZE && {
              current: page,
              pageSize: PAGE_SIZE,
              total: events.data?.total ?? 0,
              onChange: setPage,
              size: 'small',
              simple: true,
            }
          }
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
