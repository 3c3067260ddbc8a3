import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { MANUAL_FACT_KINDS } from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import type { Entry, Rule } from './api';

interface Values {
  memberId?: string;
  kind: string;
  date: Dayjs;
  description: string;
  points: number;
}

/** 登记 (staff, for a member: counted at once) or 申报 (a member's own: counted when approved). */
export function EntryForm({ open, forStaff, onClose, onDone }: { open: boolean; forStaff: boolean; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const rules = useQuery({ queryKey: ['performance', 'rules'], queryFn: () => api.get<{ items: Rule[] }>('/api/v1/performance/rules') });
  const members = useQuery({
    queryKey: ['performance', 'member-options', q],
    queryFn: () => api.get<Page<{ id: string; name: string }>>(`/api/v1/members${qs({ q, pageSize: 20 })}`),
    enabled: forStaff && open,
  });
  const kind = Form.useWatch('kind', form);
  const most = rules.data?.items.find((r) => r.kind === kind)?.points;
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Entry>('/api/v1/performance/entries', {
        ...v,
        date: v.date.format('YYYY-MM-DD'),
        memberId: forStaff ? v.memberId : undefined,
      }),
    onSuccess: () => {
      message.success(forStaff ? '已登记' : '已提交，待审核认定');
      form.resetFields();
      onDone();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title={forStaff ? '登记委员履职' : '申报履职'}
      okText={forStaff ? '登记' : '提交'}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {forStaff && (
          <Form.Item name="memberId" label="委员" rules={[{ required: true, message: '请选择委员' }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              placeholder="输入姓名或拼音"
              options={members.data?.items.map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={Object.entries(MANUAL_FACT_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label="内容" rules={[{ required: true, min: 2, message: '请填写履职内容（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="如：完成年度履职作业《……》；在委员接待日接待群众 5 人次" />
        </Form.Item>
        <Form.Item
          name="points"
          label="积分"
          extra={most !== undefined ? `按积分规则，每项至多 ${most} 分` : undefined}
          rules={[{ required: true, message: '请填写积分' }]}
        >
          <InputNumber min={0} max={most ?? 1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
