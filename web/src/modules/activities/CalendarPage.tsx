import { useState } from 'react';
import { Alert, Button, Calendar, Card, Empty, Input, List, Segmented, Select, Space, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { EVENT_STATES, type EventStatus } from '@xieshang/shared';
import { useAuth } from '../../auth/auth';
import { countText, formatTime } from '../../format';
import { useEvents, useStructure, useTypes, type EventListItem } from './api';
import { EventFormModal, EventStatusTag } from './parts';
import './activities.css';

const local = (iso: string) => dayjs(iso).tz('Asia/Shanghai');

type View = '月' | '周' | '列表';

/**
 * 活动日历: month and week views of the events the user may see (each asks for its window whole), and a
 * list view that pages through all of them, today's and later ones first; filtered by type and committee,
 * the list also by state and title.
 */
export default function CalendarPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [view, setView] = useState<View>(window.innerWidth < 768 ? '周' : '月');
  const [cursor, setCursor] = useState<Dayjs>(dayjs());
  const [typeId, setTypeId] = useState<string>();
  const [committeeId, setCommitteeId] = useState<string>();
  const [status, setStatus] = useState<EventStatus>();
  const [q, setQ] = useState<string>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const types = useTypes();
  const structure = useStructure();
  const listing = view === '列表';
  const start = view === '月' ? cursor.startOf('month').startOf('week') : cursor.startOf('week');
  const end = view === '月' ? cursor.endOf('month').endOf('week').add(1, 'day') : start.add(7, 'day');
  const events = useEvents(
    listing ? { typeId, committeeId, status, q, ...paging } : { from: start.toISOString(), to: end.toISOString(), typeId, committeeId },
  );
  const onDay = (d: Dayjs) => (events.data?.items ?? []).filter((e) => local(e.startsAt).isSame(d, 'day'));
  const step = view === '月' ? 'month' : 'week';
  /** A changed filter starts the list again at its first page. */
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPaging((p) => ({ ...p, page: 1 }));
    };
  const shown = events.data?.items.length ?? 0;
  const cut = !listing && (events.data?.total ?? 0) > shown;

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
        <Segmented options={['月', '周', '列表']} value={view} onChange={(v) => setView(v as View)} />
        {!listing && (
          <>
            <Space>
              <Button aria-label="上一页" icon={<LeftOutlined />} onClick={() => setCursor(cursor.subtract(1, step))} />
              <Button onClick={() => setCursor(dayjs())}>今天</Button>
              <Button aria-label="下一页" icon={<RightOutlined />} onClick={() => setCursor(cursor.add(1, step))} />
            </Space>
            <Typography.Text strong>
              {view === '月' ? cursor.format('YYYY年M月') : `${start.format('M月D日')} – ${start.add(6, 'day').format('M月D日')}`}
            </Typography.Text>
          </>
        )}
        {listing && (
          <Input.Search
            allowClear
            placeholder="活动标题"
            aria-label="搜索活动标题"
            onSearch={(v) => filter(setQ)(v.trim() || undefined)}
            style={{ maxWidth: 220 }}
          />
        )}
        <Select
          allowClear
          placeholder="活动类型"
          value={typeId}
          onChange={filter(setTypeId)}
          style={{ minWidth: 160 }}
          options={types.data?.items.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          allowClear
          placeholder="组织专委会"
          value={committeeId}
          onChange={filter(setCommitteeId)}
          style={{ minWidth: 160 }}
          options={structure.data?.committees.map((c) => ({ value: c.id, label: c.name }))}
        />
        {listing && (
          <Select
            allowClear
            placeholder="状态"
            aria-label="活动状态"
            value={status}
            onChange={filter(setStatus)}
            style={{ minWidth: 120 }}
            options={Object.entries(EVENT_STATES).map(([value, label]) => ({ value, label }))}
          />
        )}
      </div>
      {cut && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`本期间共 ${events.data!.total} 项活动，只显示了前 ${shown} 项；请按类型或专委会筛选，或改用列表查看。`}
        />
      )}
      {listing ? (
        <EventList
          items={events.data?.items ?? []}
          total={events.data?.total ?? 0}
          totalCapped={events.data?.totalCapped ?? false}
          loading={events.isLoading}
          page={paging.page}
          pageSize={paging.pageSize}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
        />
      ) : view === '月' ? (
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

/** One line of an event in the week and list views. */
function EventLine({ e }: { e: EventListItem }) {
  return (
    <>
      <Link to={`/activities/events/${e.id}`}>{e.title}</Link> <EventStatusTag status={e.status} />
      <div style={{ color: '#666', fontSize: 13 }}>
        {formatTime(e.startsAt)} · {e.place} · {e.typeName}
      </div>
    </>
  );
}

function EventList(props: {
  items: EventListItem[];
  total: number;
  /** More than `total` match (ADR 0009). */
  totalCapped: boolean;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage(page: number, pageSize: number): void;
}) {
  return (
    <List
      loading={props.loading}
      dataSource={props.items}
      locale={{ emptyText: '没有符合条件的活动' }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showTotal: (n) => countText(n, props.totalCapped, '项'),
        showSizeChanger: true,
        size: 'small',
        onChange: props.onPage,
      }}
      renderItem={(e) => (
        <List.Item style={{ display: 'block' }}>
          <EventLine e={e} />
        </List.Item>
      )}
    />
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
                <EventLine e={e} />
              </div>
            ))}
        </List.Item>
      )}
    />
  );
}
