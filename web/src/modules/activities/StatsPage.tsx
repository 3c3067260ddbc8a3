import { useState } from 'react';
import { Card, DatePicker, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../api/client';

interface Tally {
  present: number;
  late: number;
  leave: number;
  absent: number;
  total: number;
  rate: number;
}
interface Stats {
  members: (Tally & { memberId: string; memberName: string })[];
  committees: (Tally & { committeeId: string | null; committeeName: string })[];
  events: (Tally & { eventId: string; title: string })[];
}

const tallyColumns = [
  { title: '出席', dataIndex: 'present', width: 60 },
  { title: '迟到', dataIndex: 'late', width: 60 },
  { title: '请假', dataIndex: 'leave', width: 60 },
  { title: '缺席', dataIndex: 'absent', width: 60 },
  { title: '出勤率', dataIndex: 'rate', width: 80, render: (v: number) => `${v}%` },
];

/** 出勤统计 per event, committee and member over finished events. */
export default function StatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs().endOf('year')]);
  const stats = useQuery({
    queryKey: ['activities', 'stats', range[0].valueOf(), range[1].valueOf()],
    queryFn: () =>
      api.get<Stats>(
        `/api/v1/activities/stats${qs({ from: range[0].startOf('day').toISOString(), to: range[1].endOf('day').toISOString() })}`,
      ),
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          出勤统计
        </Typography.Title>
      }
      extra={<DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />}
    >
      <Tabs
        items={[
          {
            key: 'm',
            label: '按委员',
            children: (
              <Table
                rowKey="memberId"
                size="small"
                loading={stats.isLoading}
                dataSource={stats.data?.members}
                scroll={{ x: 480 }}
                columns={[{ title: '委员', dataIndex: 'memberName' }, ...tallyColumns]}
              />
            ),
          },
          {
            key: 'c',
            label: '按专委会',
            children: (
              <Table
                rowKey={(r) => r.committeeId ?? ''}
                size="small"
                loading={stats.isLoading}
                dataSource={stats.data?.committees}
                scroll={{ x: 480 }}
                columns={[{ title: '组织', dataIndex: 'committeeName' }, ...tallyColumns]}
              />
            ),
          },
          {
            key: 'e',
            label: '按活动',
            children: (
              <Table
                rowKey="eventId"
                size="small"
                loading={stats.isLoading}
                dataSource={stats.data?.events}
                scroll={{ x: 480 }}
                columns={[{ title: '活动', dataIndex: 'title' }, ...tallyColumns]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
