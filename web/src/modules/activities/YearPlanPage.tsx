import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { FileExcelOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../format';
import { useStructure, useTypes, type PlanEntry } from './api';
import { EventFormModal } from './parts';
import TypesButton from './TypesButton';
import ReminderSettingsButton from './ReminderSettingsButton';
import './activities.css';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface EntryValues {
  type: string;
  no: number;
  title: string;
  organizerCommitteeIds?: string[];
  organizerNames?: string;
  periodText?: string;
  period?: [Dayjs, Dayjs];
}

/** 年度协商计划: the year's entries as a table by month, like the attachment of the work plan. */
export default function YearPlanPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [adding, setAdding] = useState(false);
  const [scheduling, setScheduling] = useState<PlanEntry | null>(null);
  const plan = useQuery({
    queryKey: ['activities', 'plan', year],
    queryFn: () => api.get<{ entries: PlanEntry[] }>(`/api/v1/activities/plan?year=${year}`),
  });
  const types = useTypes();
  const structure = useStructure();
  const [form] = Form.useForm<EntryValues>();
  const add = useMutation({
    mutationFn: (v: EntryValues) => {
      const type = types.data!.items.find((t) => t.id === v.type)!;
      const parent = type.parentId ? types.data!.items.find((t) => t.id === type.parentId) : undefined;
      const committees = structure.data?.committees.filter((c) => v.organizerCommitteeIds?.includes(c.id)).map((c) => c.name) ?? [];
      return api.post('/api/v1/activities/plan-entries', {
        year,
        category: parent ? parent.name : type.name,
        subcategory: parent ? type.name : null,
        no: v.no,
        title: v.title,
        organizerCommitteeIds: v.organizerCommitteeIds ?? [],
        organizerNames: [
          ...committees,
          ...(v.organizerNames
            ? v.organizerNames
                .split(/[、，,]/)
                .map((s) => s.trim())
                .filter(Boolean)
            : []),
        ],
        periodText: v.periodText ?? '',
        periodFrom: v.period?.[0].startOf('month').format('YYYY-MM-DD') ?? null,
        periodTo: v.period?.[1].endOf('month').format('YYYY-MM-DD') ?? null,
      });
    },
    onSuccess: () => {
      message.success('已加入年度计划');
      setAdding(false);
      client.invalidateQueries({ queryKey: ['activities', 'plan'] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/activities/plan-entries/${id}`),
    onSuccess: () => {
      message.success('已删除');
      client.invalidateQueries({ queryKey: ['activities', 'plan'] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  const manage = can('activity.plan.manage');
  const schedule = can('activity.event.manage');

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          年度活动计划
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <InputNumber
            aria-label="年度"
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonAfter="年"
            style={{ width: 120 }}
          />
          <Button icon={<FileExcelOutlined />} href={`/api/v1/activities/plan/export.xlsx?year=${year}`}>
            Excel
          </Button>
          <Button icon={<FileWordOutlined />} href={`/api/v1/activities/plan/export.docx?year=${year}`}>
            Word
          </Button>
          {manage && <TypesButton />}
          {manage && <ReminderSettingsButton />}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新增条目
            </Button>
          )}
        </Space>
      }
    >
      <div className="xs-act-year">
        <Table<PlanEntry>
          rowKey="id"
          size="small"
          loading={plan.isLoading}
          dataSource={plan.data?.entries}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: '该年度还没有计划条目（可从工作要点导入，或手工新增）' }}
          columns={[
            { title: '类别', width: 150, render: (_, e) => (e.subcategory ? `${e.category}·${e.subcategory}` : e.category) },
            { title: '序号', dataIndex: 'no', width: 50 },
            {
              title: '题目',
              render: (_, e) => (
                <Space direction="vertical" size={0}>
                  <span>{e.title}</span>
                  {e.events.map((ev) => (
                    <Link key={ev.id} to={`/activities/events/${ev.id}`} style={{ fontSize: 12 }}>
                      {formatTime(ev.startsAt)} 已安排
                    </Link>
                  ))}
                </Space>
              ),
            },
            { title: '组织单位', width: 160, render: (_, e) => e.organizerNames.join('、') },
            ...MONTHS.map((m) => ({
              title: `${m}月`,
              width: 40,
              className: 'xs-act-month',
              render: (_: unknown, e: PlanEntry) =>
                e.months.includes(m) ? (
                  <Tooltip title={e.periodText}>
                    <span className={`xs-act-on${e.events.some((ev) => dayjs(ev.startsAt).month() + 1 === m) ? ' xs-act-done' : ''}`} />
                  </Tooltip>
                ) : null,
            })),
            {
              title: '操作',
              width: 110,
              fixed: 'right' as const,
              render: (_: unknown, e: PlanEntry) => (
                <Space direction="vertical" size={4}>
                  {schedule && (
                    <Button size="small" onClick={() => setScheduling(e)}>
                      安排活动
                    </Button>
                  )}
                  {manage && e.events.length === 0 && (
                    <Popconfirm title="删除该计划条目？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(e.id)}>
                      <Button size="small" danger type="link">
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </div>
      <EventFormModal
        open={Boolean(scheduling)}
        entry={scheduling}
        onClose={() => setScheduling(null)}
        onCreated={(id) => navigate(`/activities/events/${id}`)}
      />
      <Modal
        open={adding}
        title={`新增 ${year} 年度计划条目`}
        okText="保存"
        cancelText="取消"
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v)}
          preserve={false}
          initialValues={{ no: (plan.data?.entries.length ?? 0) + 1 }}
        >
          <Form.Item name="type" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={types.data?.items.filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
          <Form.Item name="no" label="序号" rules={[{ required: true, message: '请填写序号' }]}>
            <InputNumber min={1} max={999} />
          </Form.Item>
          <Form.Item name="title" label="题目" rules={[{ required: true, message: '请填写题目' }]}>
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
          <Form.Item name="organizerCommitteeIds" label="牵头专委会">
            <Select mode="multiple" options={structure.data?.committees.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="organizerNames" label="其他组织单位（用顿号分隔）">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="period" label="计划月份">
            <DatePicker.RangePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="periodText" label="计划时间（文字，如“10月”“全年”）">
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
