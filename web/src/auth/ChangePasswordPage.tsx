import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography, message } from 'antd';
import { api } from '../api/client';
import { useAuth } from './auth';

/** Shown instead of the app while the password must be changed (first login, reset, expiry). */
export function ChangePasswordPage({ forced }: { forced?: boolean }) {
  const { me, refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success('密码已修改');
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : '修改失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={forced ? 'xs-login' : undefined}>
      <Card className="xs-login-card" title="修改密码">
        {forced && (
          <Typography.Paragraph>
            {me?.passwordExpired && !me.mustChangePassword ? '您的密码已过期，' : '首次登录或密码被重置后，'}请先设置新密码再继续使用。
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">
          密码至少 8 位，须包含大写字母、小写字母、数字、符号中的至少 3 类，不能包含用户名，且不能与最近使用过的密码相同。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            保存新密码
          </Button>
        </Form>
      </Card>
    </div>
  );
}
