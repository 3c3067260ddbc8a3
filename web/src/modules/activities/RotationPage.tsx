import { useState } from 'react';
import { App, Button, Card, Collapse, Empty, Form, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { FileExcelOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { formatTime } from '../../format';
import { MemberSelect } from './parts';

interface Rotation {
  rotation: { id: string; year: number; status: 'draft' | 'published' } | null;
  meetings: {
    id: string;
    title: string;
    startsAt: string;
    place: string;
    members: { memberId: string; memberName: string; sectorName: string | null }[];
  }[];
}

/** 列席安排: which non-standing members attend each standing committee meeting of the year. */
export default function RotationPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [swapping, setSwapping] = useState(false);
  const [form] = Form.useForm<{ memberA: string; memberB: string }>();
  const data = useQuery({
    queryKey: ['activities', 'rotation', year],
    queryFn: () => api.get<Rotation>(`/api/v1/activities/rotations/${year}`),
  });
  const done = (text: string) => () => {
    message.success(text);
    client.invalidateQueries({ queryKey: ['activities', 'rotation', year] });
  };
  const onError = (error: Error) => message.error(error.message);
  const plan = useMutation({
    mutationFn: () => api.post(`/api/v1/activities/rotations/${year}/plan`),
    onSuccess: done('已生成列席安排（草稿）'),
    onError,
  });
  const publish = useMutation({
    mutationFn: () => api.post(`/api/v1/activities/rotations/${year}/publish`),
    onSuccess: done('已发布，每位委员已收到通知'),
    onError,
  });
  const swap = useMutation({
    mutationFn: (v: { memberA: string; memberB: string }) => api.post(`/api/v1/activities/rotations/${year}/swap`, v),
    onSuccess: () => {
      done('已调换')();
      setSwapping(false);
    },
    onError,
  });
  const rotation = data.data?.rotation;
  const total = data.data?.meetings.reduce((n, m) => n + m.members.length, 0) ?? 0;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          列席常委会会议安排
        </Typography.Title>
      }
      extra={
        <InputNumber
          aria-label="年度"
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonAfter="年"
          style={{ width: 120 }}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        按照政协委员分批次列席政协常委会会议制度，每位非常委委员每年至少列席一次；各批人数相差不超过一人，并按界别交替编排。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {rotation?.status !== 'published' && (
          <Button type="primary" onClick={() => plan.mutate()} loading={plan.isPending}>
            {rotation ? '重新生成' : '生成安排'}
          </Button>
        )}
        {rotation && (
          <Button icon={<SwapOutlined />} onClick={() => setSwapping(true)}>
            调换
          </Button>
        )}
        {rotation?.status === 'draft' && (
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>
            发布并通知委员
          </Button>
        )}
        {rotation && (
          <Button icon={<FileExcelOutlined />} href={`/api/v1/activities/rotations/${year}/export.xlsx`}>
            导出 Excel
          </Button>
        )}
        {rotation && (
          <Tag color={rotation.status === 'published' ? 'green' : 'default'}>{rotation.status === 'published' ? '已发布' : '草稿'}</Tag>
        )}
        {rotation && <span>共 {total} 人次</span>}
      </Space>
      {data.data && data.data.meetings.length === 0 ? (
        <Empty description="该年度还没有常委会会议，请先在活动日历中安排（类型选“常委会会议”）" />
      ) : (
        <Collapse
          items={data.data?.meetings.map((m) => ({
            key: m.id,
            label: `${m.title}（${formatTime(m.startsAt)}）· ${m.members.length} 人`,
            children: m.members.length
              ? m.members.map((s) => <Tag key={s.memberId}>{s.sectorName ? `${s.memberName}·${s.sectorName}` : s.memberName}</Tag>)
              : '尚未安排',
          }))}
        />
      )}
      <Modal
        open={swapping}
        title="调换列席会议"
        okText="调换"
        cancelText="取消"
        onCancel={() => setSwapping(false)}
        onOk={() => form.submit()}
        confirmLoading={swap.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => swap.mutate(v)} preserve={false}>
          <Form.Item name="memberA" label="委员甲" rules={[{ required: true, message: '请选择委员' }]}>
            <MemberSelect />
          </Form.Item>
          <Form.Item name="memberB" label="委员乙" rules={[{ required: true, message: '请选择委员' }]}>
            <MemberSelect />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
