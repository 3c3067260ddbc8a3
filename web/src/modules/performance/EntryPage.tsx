import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Tag, Timeline } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AllowedAction, EntryDetail } from './api';
import './performance.css';

/** One entry: what was declared, its state and history, and the actions this user may take (认定 / 不予认定 / 撤回). */
export default function EntryPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState<AllowedAction | null>(null);
  const [form] = Form.useForm<{ points?: number; reason?: string; comment?: string }>();
  const entry = useQuery({
    queryKey: ['performance', 'entry', id],
    queryFn: () => api.get<EntryDetail>(`/api/v1/performance/entries/${id}`),
  });
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) =>
      api.post(`/api/v1/performance/entries/${id}/actions/${action}`, body),
    onSuccess: () => {
      message.success(`已${open?.label ?? '完成'}`);
      setOpen(null);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['performance'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  const e = entry.data;
  if (entry.error) return <Alert type="error" title={(entry.error as Error).message} />;
  return (
    <Card className="xs-perf" title="履职申报" loading={entry.isLoading}>
      {e && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="委员">{e.memberName}</Descriptions.Item>
            <Descriptions.Item label="类型">{e.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="日期">{e.date}</Descriptions.Item>
            <Descriptions.Item label="内容">{e.description}</Descriptions.Item>
            <Descriptions.Item label="积分">{e.points}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : undefined}>{e.statusLabel}</Tag>
              {e.rejectReason && <span>理由：{e.rejectReason}</span>}
            </Descriptions.Item>
          </Descriptions>
          {e.allowedActions.length > 0 && (
            <Space wrap style={{ marginTop: 12 }}>
              {e.allowedActions.map((a) => (
                <Button
                  key={a.action}
                  type={a.action === 'approve' ? 'primary' : 'default'}
                  danger={a.action === 'reject'}
                  onClick={() => (form.setFieldsValue({ points: e.points }), setOpen(a))}
                >
                  {a.label}
                </Button>
              ))}
            </Space>
          )}
          {e.history.length > 0 && (
            <Timeline
              style={{ marginTop: 16 }}
              items={e.history.map((h) => ({
                content: `${h.at.slice(0, 16).replace('T', ' ')} ${h.actorName ?? ''} ${h.actionLabel} → ${h.toLabel}${h.comment ? `：${h.comment}` : ''}`,
              }))}
            />
          )}
        </>
      )}
      <Modal
        open={Boolean(open)}
        title={open?.label}
        okText="确定"
        cancelText="取消"
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            open &&
            act.mutate({
              action: open.action,
              body: open.action === 'approve' ? { points: v.points } : open.action === 'reject' ? { reason: v.reason } : {},
            })
          }
        >
          {open?.action === 'approve' && (
            <Form.Item name="points" label="认定积分" rules={[{ required: true, message: '请填写积分' }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {open?.action === 'reject' && (
            <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写不予认定的理由' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {open?.action === 'withdraw' && <p>撤回后本项申报不再计分，可重新申报。</p>}
        </Form>
      </Modal>
    </Card>
  );
}
