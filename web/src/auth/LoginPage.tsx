import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';

export function LoginPage() {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string; totpCode?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<{ user: unknown }>('/api/v1/auth/login', values);
      client.setQueryData(['me'], result.user);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') setNeedTotp(true);
      else setError(e instanceof Error ? e.message : '登录失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xs-login">
      <Card className="xs-login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          协商
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          政协履职服务管理平台
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {needTotp && !error && <Alert type="info" showIcon message="请输入手机验证器中的 6 位动态验证码" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {needTotp && (
            <Form.Item name="totpCode" label="动态验证码" rules={[{ required: true, message: '请输入动态验证码' }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} size="large" autoComplete="one-time-code" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
