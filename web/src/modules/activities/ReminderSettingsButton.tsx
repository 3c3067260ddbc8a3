import { useEffect, useState } from 'react';
import { App, Button, Modal, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

interface Settings {
  enabled: boolean;
  daysBefore: number[];
}

/** How many days before an event the invitees who have not answered are reminded (the organiser gets the count). */
export default function ReminderSettingsButton() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const saved = useQuery({
    queryKey: ['activities', 'reminder-settings'],
    queryFn: () => api.get<Settings>('/api/v1/activities/reminder-settings'),
    enabled: open,
  });
  const [value, setValue] = useState<Settings | null>(null);
  useEffect(() => setValue(saved.data ?? null), [saved.data]);
  const save = useMutation({
    mutationFn: (v: Settings) => api.put<Settings>('/api/v1/activities/reminder-settings', v),
    onSuccess: (data) => {
      client.setQueryData(['activities', 'reminder-settings'], data);
      message.success('回复提醒设置已保存');
      setOpen(false);
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>回复提醒</Button>
      <Modal
        open={open}
        title="未回复提醒"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => value && save.mutate(value)}
        okButtonProps={{ disabled: !value }}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          已发布的活动开始前，向尚未回复（参加或请假）的受邀委员发送提醒，每个时点各一次；组织者同时收到未回复人数。
        </Typography.Paragraph>
        {value && (
          <Space wrap>
            <Switch
              checked={value.enabled}
              onChange={(enabled) => setValue({ ...value, enabled })}
              checkedChildren="开启"
              unCheckedChildren="关闭"
            />
            <span>活动开始前</span>
            <Select
              aria-label="活动开始前提醒天数"
              mode="tags"
              style={{ minWidth: 140 }}
              value={value.daysBefore.map(String)}
              onChange={(days: string[]) =>
                setValue({ ...value, daysBefore: days.map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 30) })
              }
              options={['7', '3', '2', '1'].map((d) => ({ label: d, value: d }))}
            />
            <span>天提醒</span>
          </Space>
        )}
      </Modal>
    </>
  );
}
