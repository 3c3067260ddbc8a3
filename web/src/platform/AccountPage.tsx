import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography, message } from 'antd';
import { ROLE_LABELS } from '@xieshang/shared';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { ChangePasswordPage } from '../auth/ChangePasswordPage';

/** 账号与安全: who I am, my password, my second factor. */
export default function AccountPage() {
  const { me, refresh } = useAuth();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await work();
      message.success(done);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作失败');
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="账号">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
          <Descriptions.Item label="角色">{me.roles.map((r) => ROLE_LABELS[r]).join('、')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ChangePasswordPage />
      <Card title="动态验证码（双因素认证）">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {me.totpEnabled ? (
          <Form
            layout="vertical"
            onFinish={(v: { password: string }) => run(() => api.post('/api/v1/me/totp/disable', v), '已停用动态验证码')}
          >
            <Typography.Paragraph>已启用。登录时需输入手机验证器中的动态验证码。</Typography.Paragraph>
            <Form.Item name="password" label="输入密码以停用" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password />
            </Form.Item>
            <Button danger htmlType="submit">
              停用
            </Button>
          </Form>
        ) : setup ? (
          <Form
            layout="vertical"
            onFinish={(v: { totpCode: string }) =>
              run(async () => {
                await api.post('/api/v1/me/totp/enable', v);
                setSetup(null);
              }, '已启用动态验证码')
            }
          >
            <Typography.Paragraph>
              在手机验证器（如 FreeOTP、Google Authenticator、微信小程序“腾讯身份验证器”）中添加以下密钥：
            </Typography.Paragraph>
            <Typography.Paragraph copyable code>
              {setup.secret}
            </Typography.Paragraph>
            <Form.Item name="totpCode" label="验证器显示的 6 位验证码" rules={[{ required: true, message: '请输入验证码' }]}>
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              启用
            </Button>
          </Form>
        ) : (
          <>
            <Typography.Paragraph>
              {me.totpRequired ? '安全策略要求您的角色启用动态验证码。' : '启用后，登录时除密码外还需输入动态验证码。'}
            </Typography.Paragraph>
            <Button type="primary" onClick={() => run(async () => setSetup(await api.post('/api/v1/me/totp/setup')), '已生成密钥')}>
              生成密钥
            </Button>
          </>
        )}
      </Card>
    </Space>
  );
}
