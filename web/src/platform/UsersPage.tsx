import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ROLES, type Role } from '@xieshang/shared';
import { api, qs, type Page } from '../api/client';
import { useAuth } from '../auth/auth';
import { formatTime } from '../format';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  roles: Role[];
  departmentIds: string[];
  memberId: string | null;
  unitId: string | null;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  totpEnabled: number;
  isDemo: number;
}
interface Structure {
  departments: { id: string; name: string }[];
  units: { id: string; name: string }[];
}

/** 用户管理 (system admin: accounts and business roles; security admin: admin roles). */
export default function UsersPage() {
  const { can } = useAuth();
  const client = useQueryClient();
  const [filter, setFilter] = useState<{ q?: string; role?: Role; page: number }>({ page: 1 });
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['users', filter],
    queryFn: () => api.get<Page<UserRow>>(`/api/v1/users${qs({ ...filter, pageSize: 20 })}`),
  });
  const structure = useQuery({
    queryKey: ['org', 'structure'],
    queryFn: () => api.get<Structure>('/api/v1/org/structure'),
    enabled: Boolean(can('org.read')),
  });
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      editing === 'new'
        ? api.post('/api/v1/users', { ...values, mustChangePassword: true })
        : api.patch(`/api/v1/users/${(editing as UserRow).id}`, values),
    onSuccess: () => {
      message.success('已保存');
      setEditing(null);
      void client.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e: Error) => setError(e.message),
  });
  const reset = useMutation({
    mutationFn: (password: string) => api.post(`/api/v1/users/${resetting!.id}/reset-password`, { password }),
    onSuccess: () => {
      message.success('密码已重置，用户下次登录须修改');
      setResetting(null);
    },
    onError: (e: Error) => setError(e.message),
  });
  const names = (ids: string[], list?: { id: string; name: string }[]) =>
    ids.map((id) => list?.find((d) => d.id === id)?.name ?? id).join('、');

  return (
    <Card
      title="用户管理"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setError(null);
            setEditing('new');
          }}
        >
          新建用户
        </Button>
      }
    >
      <div className="xs-toolbar">
        <Input.Search
          placeholder="用户名或姓名"
          allowClear
          onSearch={(q) => setFilter({ ...filter, q, page: 1 })}
          style={{ maxWidth: 260 }}
        />
        <Select
          placeholder="角色"
          allowClear
          style={{ minWidth: 160 }}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          onChange={(role) => setFilter({ ...filter, role, page: 1 })}
        />
      </div>
      <Table<UserRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        pagination={{
          current: filter.page,
          total: list.data?.total,
          pageSize: 20,
          onChange: (page) => setFilter({ ...filter, page }),
          showTotal: (n) => `共 ${n} 个`,
        }}
        columns={[
          {
            title: '用户名',
            dataIndex: 'username',
            render: (v, r) => (
              <>
                {v} {r.isDemo ? <Tag>演示</Tag> : null}
              </>
            ),
          },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
          {
            title: '部门/单位',
            render: (_, r) =>
              names(r.departmentIds, structure.data?.departments) || names(r.unitId ? [r.unitId] : [], structure.data?.units),
          },
          {
            title: '状态',
            render: (_, r) =>
              r.status === 'disabled' ? (
                <Tag color="default">已停用</Tag>
              ) : r.lockedUntil && r.lockedUntil > new Date().toISOString() ? (
                <Tag color="orange">已锁定</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: formatTime },
          {
            title: '操作',
            fixed: 'right',
            render: (_, r) => (
              <Space>
                <a
                  onClick={() => {
                    setError(null);
                    setEditing(r);
                  }}
                >
                  编辑
                </a>
                {can('user.manage') && (
                  <a
                    onClick={() => {
                      setError(null);
                      setResetting(r);
                    }}
                  >
                    重置密码
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '新建用户' : '编辑用户'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {editing !== null && (
          <Form
            layout="vertical"
            initialValues={editing === 'new' ? { roles: ['member'] } : { ...editing, active: editing.status === 'active' }}
            onFinish={(v) => {
              const { active, ...rest } = v as Record<string, unknown>;
              save.mutate(editing === 'new' ? rest : { ...rest, status: active ? 'active' : 'disabled' });
            }}
          >
            {editing === 'new' && (
              <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
              <Input />
            </Form.Item>
            {editing === 'new' && (
              <Form.Item
                name="password"
                label="初始密码"
                rules={[{ required: true, message: '请输入初始密码' }]}
                extra="用户首次登录须修改"
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            )}
            <Form.Item
              name="roles"
              label="角色"
              rules={[{ required: true, message: '请选择角色' }]}
              extra="系统管理员、安全管理员、安全审计员三者互斥，且不能兼任其他角色"
            >
              <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            </Form.Item>
            <Form.Item name="departmentIds" label="所在部门（机关工作人员）">
              <Select
                mode="multiple"
                allowClear
                options={structure.data?.departments.map((d) => ({ value: d.id, label: d.name }))}
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item name="unitId" label="承办单位（承办单位账号）">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={structure.data?.units.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            {editing !== 'new' && (
              <Form.Item name="active" label="启用" valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={save.isPending}>
              保存
            </Button>
          </Form>
        )}
      </Modal>
      <Modal
        title={`重置密码：${resetting?.displayName ?? ''}`}
        open={resetting !== null}
        onCancel={() => setResetting(null)}
        footer={null}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" onFinish={(v: { password: string }) => reset.mutate(v.password)}>
          <Form.Item
            name="password"
            label="临时密码"
            rules={[{ required: true, message: '请输入临时密码' }]}
            extra="重置后该用户的登录会话全部失效，下次登录须修改密码"
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={reset.isPending}>
            重置
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
