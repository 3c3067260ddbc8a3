import { useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Tabs, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, SCOPE_LABELS, type Role, type Scope } from '@xieshang/shared';
import { api } from '../api/client';

interface Matrix {
  roles: { code: Role; name: string }[];
  permissions: { code: string; label: string; module: string }[];
  grants: { role: Role; permission: string; scope: Scope }[];
  scopes: Scope[];
}
type Policy = Record<string, number | string[]>;

const POLICY_FIELDS: { key: string; label: string; min: number; max: number; unit: string }[] = [
  { key: 'passwordMinLength', label: '密码最短长度', min: 8, max: 64, unit: '位' },
  { key: 'passwordMinClasses', label: '密码至少包含字符类别', min: 1, max: 4, unit: '类' },
  { key: 'passwordMaxAgeDays', label: '密码有效期（0 为不限）', min: 0, max: 3650, unit: '天' },
  { key: 'passwordHistory', label: '不得重复最近密码', min: 0, max: 24, unit: '次' },
  { key: 'lockoutThreshold', label: '连续失败锁定阈值', min: 3, max: 20, unit: '次' },
  { key: 'lockoutMinutes', label: '锁定时长', min: 1, max: 1440, unit: '分钟' },
  { key: 'idleMinutes', label: '空闲超时', min: 5, max: 480, unit: '分钟' },
  { key: 'absoluteHours', label: '会话最长有效期', min: 1, max: 72, unit: '小时' },
  { key: 'loginRatePerMinute', label: '每个地址每分钟登录尝试上限', min: 5, max: 1000, unit: '次' },
];

/** 角色权限与安全策略 (security admin). */
export default function RolesPage() {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const matrix = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Matrix>('/api/v1/roles') });
  const policy = useQuery({ queryKey: ['security-policy'], queryFn: () => api.get<Policy>('/api/v1/security-policy') });
  const grant = useMutation({
    mutationFn: (v: { role: Role; permission: string; scope: Scope | null }) =>
      api.put(`/api/v1/roles/${v.role}/permissions/${encodeURIComponent(v.permission)}`, { scope: v.scope }),
    onSuccess: () => {
      setError(null);
      message.success('已更新');
      void client.invalidateQueries({ queryKey: ['roles'] });
    },
    onError: (e: Error) => setError(e.message),
  });
  const savePolicy = useMutation({
    mutationFn: (v: Policy) => api.put('/api/v1/security-policy', v),
    onSuccess: () => {
      setError(null);
      message.success('安全策略已保存');
      void client.invalidateQueries({ queryKey: ['security-policy'] });
    },
    onError: (e: Error) => setError(e.message),
  });
  const scopeOf = (role: Role, permission: string) =>
    matrix.data?.grants.find((g) => g.role === role && g.permission === permission)?.scope ?? null;

  return (
    <Card title="角色权限与安全策略">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
      <Tabs
        items={[
          {
            key: 'matrix',
            label: '权限矩阵',
            children: (
              <Table
                rowKey="code"
                size="small"
                loading={matrix.isLoading}
                dataSource={matrix.data?.permissions}
                pagination={false}
                scroll={{ x: 1200 }}
                columns={[
                  { title: '权限', dataIndex: 'label', fixed: 'left', width: 200 },
                  ...(matrix.data?.roles ?? []).map((role) => ({
                    title: ROLE_LABELS[role.code],
                    key: role.code,
                    width: 110,
                    render: (_: unknown, p: { code: string }) => (
                      <Select
                        size="small"
                        style={{ width: 96 }}
                        value={scopeOf(role.code, p.code) ?? ''}
                        options={[
                          { value: '', label: '无' },
                          ...(matrix.data?.scopes ?? []).map((s) => ({ value: s, label: SCOPE_LABELS[s] })),
                        ]}
                        onChange={(value) => grant.mutate({ role: role.code, permission: p.code, scope: (value || null) as Scope | null })}
                      />
                    ),
                  })),
                ]}
              />
            ),
          },
          {
            key: 'policy',
            label: '安全策略',
            children: policy.data && (
              <Form
                layout="vertical"
                initialValues={policy.data}
                onFinish={(v) => savePolicy.mutate({ ...policy.data, ...v })}
                style={{ maxWidth: 480 }}
              >
                {POLICY_FIELDS.map((f) => (
                  <Form.Item key={f.key} name={f.key} label={f.label} rules={[{ required: true, message: `请填写${f.label}` }]}>
                    <InputNumber min={f.min} max={f.max} addonAfter={f.unit} style={{ width: '100%' }} />
                  </Form.Item>
                ))}
                <Form.Item name="requireTotpForRoles" label="必须启用动态验证码的角色">
                  <Select
                    mode="multiple"
                    options={(matrix.data?.roles ?? []).map((r) => ({ value: r.code, label: ROLE_LABELS[r.code] }))}
                  />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={savePolicy.isPending}>
                    保存
                  </Button>
                </Space>
              </Form>
            ),
          },
        ]}
      />
    </Card>
  );
}
