import { useEffect, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

interface Settings {
  enabled: boolean;
  daysBefore: number[];
  overdueEveryDays: number;
}

/** When the departments and leaders are reminded of deadlines. */
export function ReminderSettings() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const saved = useQuery({ queryKey: ['plan-reminders'], queryFn: () => api.get<Settings>('/api/v1/plan-settings/reminders') });
  const [value, setValue] = useState<Settings | null>(null);
  useEffect(() => setValue(saved.data ?? null), [saved.data]);
  const save = useMutation({
    mutationFn: (v: Settings) => api.put<Settings>('/api/v1/plan-settings/reminders', v),
    onSuccess: (data) => {
      client.setQueryData(['plan-reminders'], data);
      message.success('提醒设置已保存');
    },
    onError: (error) => message.error(error.message),
  });
  if (!value) return null;
  return (
    <Card title="到期提醒" size="small">
      <Space wrap>
        <Switch
          checked={value.enabled}
          onChange={(enabled) => setValue({ ...value, enabled })}
          checkedChildren="开启"
          unCheckedChildren="关闭"
        />
        <span>到期前</span>
        <Select
          aria-label="到期前提醒天数"
          mode="tags"
          style={{ minWidth: 140 }}
          value={value.daysBefore.map(String)}
          onChange={(days: string[]) => setValue({ ...value, daysBefore: days.map(Number).filter((d) => Number.isInteger(d) && d > 0) })}
          options={['30', '15', '7', '3', '1'].map((d) => ({ label: d, value: d }))}
        />
        <span>天提醒；逾期后每</span>
        <InputNumber
          aria-label="逾期提醒间隔天数"
          min={1}
          max={90}
          value={value.overdueEveryDays}
          onChange={(n) => setValue({ ...value, overdueEveryDays: n ?? 7 })}
        />
        <span>天提醒</span>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate(value)}>
          保存
        </Button>
      </Space>
    </Card>
  );
}
