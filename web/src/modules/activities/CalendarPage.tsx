import { useState } from 'react';
import { Button, Calendar, Card, Empty, List, Segmented, Select, Space, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../format';
import { useEvents, useStructure, useTypes, type EventListItem } from './api';
import { EventFormModal, EventStatusTag } from './parts';
import './activities.css';

const local = (iso: string) => dayjs(iso).tz('Asia/Shanghai');

/** 活动日历: month and week views of the events the user may see, filtered by type and committee. */
export default function CalendarPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [view, setView] = useState<'月' | '周'>(window.innerWidth < 768 ? '周' : '月');
  const [cursor, setCursor] = useState<Dayjs>(dayjs());
  const [typeId, setTypeId] = useState<string>();
  const [committeeId, setCommitteeId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const types = useTypes();
  const structure = useStructure();
  const start = view === '月' ? cursor.startOf('month').startOf('week') : cursor.startOf('week');
  const end = view === '月' ? cursor.endOf('month').endOf('week').add(1, 'day') : start.add(7, 'day');
  const events = useEvents({ from: start.toISOString(), to: end.toISOString(), typeId, committeeId });
  const onDay = (d: Dayjs) => (events.data?.items ?? []).filter((e) => local(e.startsAt).isSame(d, 'day'));
  const step = view === '月' ? 'month' : 'week';

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          活动日历
        </Typography.Title>
      }
      extra={
        can('activity.event.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            安排活动
          </Button>
        )
      }
    >
      <div className="xs-toolbar">
        <Segmented options={['月', '周']} value={view} onChange={(v) => setView(v as '月' | '周')} />
        <Space>
          <Button aria-label="上一页" icon={<LeftOutlined />} onClick={() => setCursor(cursor.subtract(1, step))} />
          <Button onClick={() => setCursor(dayjs())}>今天</Button>
          <Button aria-label="下一页" icon={<RightOutlined />} onClick={() => setCursor(cursor.add(1, step))} />
        </Space>
        <Typography.Text strong>
          {view === '月' ? cursor.format('YYYY年M月') : `${start.format('M月D日')} – ${start.add(6, 'day').format('M月D日')}`}
        </Typography.Text>
        <Select
          allowClear
          placeholder="活动类型"
          value={typeId}
          onChange={setTypeId}
          style={{ minWidth: 160 }}
          options={types.data?.items.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          allowClear
          placeholder="组织专委会"
          value={committeeId}
          onChange={setCommitteeId}
          style={{ minWidth: 160 }}
          options={structure.data?.committees.map((c) => ({ value: c.id, label: c.name }))}
        />
      </div>
      {view === '月' ? (
        <Calendar
          value={cursor}
          onPanelChange={(d) => setCursor(d)}
          onSelect={(d, info) => info.source === 'date' && setCursor(d)}
          headerRender={() => null}
          cellRender={(d, info) =>
            info.type === 'date' ? (
              <div className="xs-act-day">
                <ul>
                  {onDay(d).map((e) => (
                    <li key={e.id}>
                      <Link
                        to={`/activities/events/${e.id}`}
                        style={e.status === 'cancelled' ? { textDecoration: 'line-through', color: '#999' } : undefined}
                      >
                        {local(e.startsAt).format('HH:mm')} {e.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null
          }
        />
      ) : (
        <WeekList start={start} items={events.data?.items ?? []} loading={events.isLoading} />
      )}
      <EventFormModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/activities/events/${id}`)} />
    </Card>
  );
}

function WeekList({ start, items, loading }: { start: Dayjs; items: EventListItem[]; loading: boolean }) {
  if (!loading && items.length === 0) return <Empty description="本周没有活动" />;
  const days = Array.from({ length: 7 }, (_, i) => start.add(i, 'day'));
  return (
    <List
      loading={loading}
      dataSource={days.filter((d) => items.some((e) => local(e.startsAt).isSame(d, 'day')))}
      renderItem={(d) => (
        <List.Item style={{ display: 'block' }}>
          <Typography.Text strong>{d.format('M月D日 dddd')}</Typography.Text>
          {items
            .filter((e) => local(e.startsAt).isSame(d, 'day'))
            .map((e) => (
              <div key={e.id} style={{ marginTop: 6 }}>
                <Link to={`/activities/events/${e.id}`}>{e.title}</Link> <EventStatusTag status={e.status} />
                <div style={{ color: '#666', fontSize: 13 }}>
                  {formatTime(e.startsAt)} · {e.place} · {e.typeName}
                </div>
              </div>
            ))}
        </List.Item>
      )}
    />
  );
}
