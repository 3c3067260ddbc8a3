import { useState } from 'react';
import { App, Button, Form, Input, List, Modal, Select, Space, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useTypes } from './api';

/** Activity types are data: staff add types (or subcategories) and switch off those no longer used. */
export default function TypesButton() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const types = useTypes();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; parentId?: string }>();
  const refresh = () => client.invalidateQueries({ queryKey: ['activities', 'types'] });
  const onError = (error: Error) => message.error(error.message);
  const add = useMutation({
    mutationFn: (v: { name: string; parentId?: string }) =>
      api.post('/api/v1/activities/types', { name: v.name, parentId: v.parentId ?? null }),
    onSuccess: () => {
      message.success('已增加活动类型');
      form.resetFields();
      refresh();
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: 0 | 1 }) => api.patch(`/api/v1/activities/types/${id}`, { active }),
    onSuccess: refresh,
    onError,
  });
  const items = types.data?.items ?? [];
  return (
    <>
      <Button onClick={() => setOpen(true)}>活动类型</Button>
      <Modal open={open} title="活动类型" footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder="名称" maxLength={60} aria-label="名称" />
          </Form.Item>
          <Form.Item name="parentId">
            <Select
              allowClear
              placeholder="上级类别（可不选）"
              style={{ width: 180 }}
              options={items.filter((t) => !t.parentId).map((t) => ({ value: t.id, label: t.name }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            增加
          </Button>
        </Form>
        <List
          size="small"
          dataSource={items}
          renderItem={(t) => (
            <List.Item
              extra={
                <Switch
                  size="small"
                  checked={t.active === 1}
                  checkedChildren="启用"
                  unCheckedChildren="停用"
                  onChange={(on) => toggle.mutate({ id: t.id, active: on ? 1 : 0 })}
                />
              }
            >
              <Space>{t.parentId ? `　└ ${t.name}` : t.name}</Space>
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
