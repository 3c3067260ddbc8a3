import { App, Button, Form, Input, InputNumber, Modal, Space, Switch, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useProposalMeta } from './useProposals';
import type { ProposalMeta } from './types';

/** 提案工作设置: objection days, reply months, co-sign days, review of replies, and the categories. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const meta = useProposalMeta();
  const [form] = Form.useForm<ProposalMeta['settings']>();
  const [categoryForm] = Form.useForm<{ name: string }>();
  const done = () => void client.invalidateQueries({ queryKey: ['proposals', 'meta'] });
  const save = useMutation({
    mutationFn: (v: ProposalMeta['settings']) => api.put('/api/v1/proposals/settings', { ...meta.data!.settings, ...v }),
    onSuccess: () => {
      message.success('设置已保存');
      done();
      onClose();
    },
    onError: (error: Error) => message.error(error.message),
  });
  const addCategory = useMutation({
    mutationFn: (v: { name: string }) => api.post('/api/v1/proposals/categories', v),
    onSuccess: () => {
      categoryForm.resetFields();
      done();
    },
    onError: (error: Error) => message.error(error.message),
  });
  if (!meta.data) return null;
  return (
    <Modal
      open
      title="提案工作设置"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending }}
    >
      <Form form={form} layout="vertical" initialValues={meta.data.settings} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="objectionDays" label="申退期限（交办后天数）" rules={[{ required: true }]}>
          <InputNumber min={1} max={30} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="replyMonths" label="答复期限（交办后月数，最长 6 个月）" rules={[{ required: true }]}>
          <InputNumber min={1} max={6} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="cosignDays" label="联名确认期限（天）" rules={[{ required: true }]}>
          <InputNumber min={1} max={30} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="officeReview" label="答复须经提案委审核" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <div style={{ marginBottom: 8 }}>提案类别：</div>
      <Space wrap style={{ marginBottom: 8 }}>
        {meta.data.categories.map((c) => (
          <Tag key={c}>{c}</Tag>
        ))}
      </Space>
      <Form form={categoryForm} layout="inline" onFinish={(v) => addCategory.mutate(v)}>
        <Form.Item name="name" rules={[{ required: true, message: '请填写类别名称' }]}>
          <Input placeholder="新类别名称" maxLength={50} />
        </Form.Item>
        <Button htmlType="submit" loading={addCategory.isPending}>
          添加类别
        </Button>
      </Form>
    </Modal>
  );
}
