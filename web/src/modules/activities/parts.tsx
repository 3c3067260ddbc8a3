import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ATTENDANCE,
  EVENT_STATES,
  INVITATION_STATES,
  REPORT_RECIPIENTS,
  type Attendance,
  type EventStatus,
  type InvitationStatus,
} from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import { useStructure, useTypes, type AllowedAction, type PlanEntry } from './api';

const EVENT_COLORS: Record<EventStatus, string> = {
  draft: 'default',
  published: 'blue',
  finished: 'green',
  concluded: 'gold',
  cancelled: 'red',
};
const INVITATION_COLORS: Record<InvitationStatus, string> = {
  invited: 'default',
  accepted: 'green',
  waitlisted: 'purple',
  leave_requested: 'orange',
  leave_approved: 'cyan',
  leave_rejected: 'red',
};
const ATTENDANCE_COLORS: Record<Attendance, string> = { present: 'green', late: 'orange', leave: 'cyan', absent: 'red' };

export const EventStatusTag = ({ status }: { status: EventStatus }) => <Tag color={EVENT_COLORS[status]}>{EVENT_STATES[status]}</Tag>;
export const InvitationTag = ({ status }: { status: InvitationStatus }) => (
  <Tag color={INVITATION_COLORS[status]}>{INVITATION_STATES[status]}</Tag>
);
export const AttendanceTag = ({ value }: { value: Attendance | null }) =>
  value ? <Tag color={ATTENDANCE_COLORS[value]}>{ATTENDANCE[value]}</Tag> : <Tag>未签到</Tag>;

type Field = 'reason' | 'comment' | 'requiredComment' | 'recipient' | 'response';

/** What each workflow action asks for; whether it is offered is the server's decision (allowedActions). */
const ACTION_FORMS: Record<string, { fields: Field[]; hint?: string; danger?: boolean }> = {
  publish: { fields: [], hint: '发布后，每位受邀委员都会收到通知。' },
  cancel: { fields: ['reason'], hint: '取消后，每位受邀委员都会收到通知。', danger: true },
  finish: { fields: [], hint: '结束后，未签到的委员记为缺席（已准假的记为请假）。' },
  conclude: { fields: [] },
  accept: { fields: [] },
  requestLeave: { fields: ['reason'], hint: '请假须说明理由，由活动组织者审批。' },
  approveLeave: { fields: ['comment'] },
  rejectLeave: { fields: ['requiredComment'], danger: true },
  submit: { fields: [], hint: '提交主席会议成员审定。' },
  approve: { fields: ['comment'] },
  return: { fields: ['requiredComment'], danger: true },
  send: { fields: ['recipient'] },
  respond: { fields: ['response'] },
  close: { fields: ['comment'] },
};

interface ActionValues {
  reason?: string;
  comment?: string;
  recipient?: string;
  body?: string;
  respondedBy?: string;
  respondedOn?: Dayjs;
}

/** Buttons for the workflow actions the server allows, each asking for what it needs. */
export function ActionButtons({
  base,
  actions,
  onDone,
  size,
}: {
  base: string;
  actions: AllowedAction[];
  onDone: () => void;
  size?: 'small' | 'middle';
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<AllowedAction | null>(null);
  const [form] = Form.useForm<ActionValues>();
  const run = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) => api.post(`${base}/actions/${action}`, body),
    onSuccess: (_data, { action }) => {
      message.success(`已${actions.find((a) => a.action === action)?.label ?? '完成'}`);
      setOpen(null);
      form.resetFields();
      onDone();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const start = (a: AllowedAction) => {
    if ((ACTION_FORMS[a.action]?.fields.length ?? 0) === 0 && !ACTION_FORMS[a.action]?.hint) run.mutate({ action: a.action, body: {} });
    else setOpen(a);
  };
  const submit = (values: ActionValues) => {
    if (!open) return;
    const body: Record<string, unknown> = {};
    if (values.reason !== undefined) body.reason = values.reason;
    if (values.comment) body.comment = values.comment;
    if (values.recipient) body.recipient = values.recipient;
    if (values.body !== undefined)
      Object.assign(body, { body: values.body, respondedBy: values.respondedBy, respondedOn: values.respondedOn?.format('YYYY-MM-DD') });
    run.mutate({ action: open.action, body });
  };
  const spec = open ? (ACTION_FORMS[open.action] ?? { fields: [] }) : null;
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.action}
            size={size}
            danger={ACTION_FORMS[a.action]?.danger}
            type={ACTION_FORMS[a.action]?.danger ? 'default' : 'primary'}
            loading={run.isPending}
            onClick={() => start(a)}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={Boolean(open)}
        title={open?.label}
        okText="确定"
        cancelText="取消"
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={run.isPending}
        destroyOnHidden
      >
        {spec?.hint && <p>{spec.hint}</p>}
        <Form form={form} layout="vertical" onFinish={submit}>
          {spec?.fields.includes('reason') && (
            <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写理由（至少 2 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {spec?.fields.includes('comment') && (
            <Form.Item name="comment" label="意见">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {spec?.fields.includes('requiredComment') && (
            <Form.Item name="comment" label="意见" rules={[{ required: true, min: 2, message: '请填写意见（至少 2 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {spec?.fields.includes('recipient') && (
            <Form.Item name="recipient" label="报送对象" rules={[{ required: true, message: '请选择报送对象' }]}>
              <Select options={REPORT_RECIPIENTS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          )}
          {spec?.fields.includes('response') && (
            <>
              <Form.Item name="respondedBy" label="答复单位" rules={[{ required: true, min: 2, message: '请填写答复单位' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="respondedOn" label="答复日期" rules={[{ required: true, message: '请选择答复日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="body" label="办理情况" rules={[{ required: true, min: 2, message: '请填写办理情况' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

interface EventFormValues {
  typeId: string;
  title: string;
  range: [Dayjs, Dayjs];
  place: string;
  organizerCommitteeId?: string;
  organizerDepartmentId?: string;
  agenda?: string;
  capacity?: number;
  checkinOpensBefore?: number;
}

/** Scheduling an event, optionally from a plan entry (its title, category and organizer prefilled). */
export function EventFormModal({
  open,
  entry,
  onClose,
  onCreated,
}: {
  open: boolean;
  entry?: PlanEntry | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { message } = App.useApp();
  const types = useTypes();
  const structure = useStructure();
  const [form] = Form.useForm<EventFormValues>();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: (v: EventFormValues) =>
      api.post<{ id: string }>('/api/v1/activities/events', {
        planEntryId: entry?.id ?? null,
        typeId: v.typeId,
        title: v.title,
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        place: v.place,
        organizerCommitteeId: v.organizerCommitteeId ?? null,
        organizerDepartmentId: v.organizerDepartmentId ?? null,
        agenda: v.agenda ?? '',
        capacity: v.capacity ?? null,
        checkinOpensBefore: v.checkinOpensBefore ?? 60,
      }),
    onSuccess: (data) => {
      message.success('已建立活动（草稿），请邀请委员后发布');
      client.invalidateQueries({ queryKey: ['activities'] });
      onCreated(data.id);
    },
    onError: (error: Error) => message.error(error.message),
  });
  const typeOfEntry = entry ? types.data?.items.find((t) => t.name === (entry.subcategory ?? entry.category))?.id : undefined;
  const monthStart = entry?.periodFrom ? dayjs(`${entry.periodFrom}T09:00`) : undefined;
  return (
    <Modal
      open={open}
      title={entry ? `安排活动：${entry.title}` : '安排活动'}
      okText="建立"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        preserve={false}
        initialValues={{
          title: entry?.title,
          typeId: typeOfEntry,
          organizerCommitteeId: entry?.organizerCommitteeIds[0],
          range: monthStart ? [monthStart, monthStart.add(3, 'hour')] : undefined,
          checkinOpensBefore: 60,
        }}
      >
        <Form.Item name="typeId" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={types.data?.items.filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="range" label="时间" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="organizerCommitteeId" label="组织专委会">
          <Select allowClear options={structure.data?.committees.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="organizerDepartmentId" label="组织部门">
          <Select allowClear options={structure.data?.departments.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="agenda" label="议程">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="capacity" label="人数上限（不填为不限）">
            <InputNumber min={1} max={5000} />
          </Form.Item>
          <Form.Item name="checkinOpensBefore" label="提前开放签到（分钟）">
            <InputNumber min={0} max={1440} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** Member search by name or pinyin, for inviting by name and for swaps. */
export function MemberSelect({
  value,
  onChange,
  multiple,
  placeholder,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['members', 'search', q],
    queryFn: () => api.get<Page<{ id: string; name: string; sectorName: string | null }>>(`/api/v1/members${qs({ q, pageSize: 20 })}`),
    enabled: q.length > 0,
  });
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      value={value}
      onChange={onChange}
      onSearch={setQ}
      placeholder={placeholder ?? '输入姓名或拼音搜索'}
      style={{ width: '100%' }}
      options={found.data?.items.map((m) => ({ value: m.id, label: m.sectorName ? `${m.name}（${m.sectorName}）` : m.name }))}
      notFoundContent={q ? '没有找到' : '请输入姓名'}
    />
  );
}
