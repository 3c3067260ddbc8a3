import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Alert, Result, Spin } from 'antd';
import { useAuth } from './auth/auth';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { AppLayout } from './layout/AppLayout';
import { pages } from './modules';
import AccountPage from './platform/AccountPage';

export function App() {
  const { me, loading } = useAuth();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (!me) return <LoginPage />;
  if (me.mustChangePassword || me.passwordExpired) return <ChangePasswordPage forced />;
  if (me.totpRequired && !me.totpEnabled) {
    // The security policy requires a second factor for this role: nothing else until it is set up.
    return (
      <div className="xs-content" style={{ maxWidth: 560 }}>
        <Alert
          type="warning"
          showIcon
          message="请先启用动态验证码"
          description="安全策略要求您的角色使用动态验证码登录。启用后即可继续使用平台。"
          style={{ marginBottom: 16 }}
        />
        <AccountPage />
      </div>
    );
  }
  return (
    <BrowserRouter>
      <Routes>
        {pages
          .filter((p) => p.bare && p.visible(me))
          .map((p) => (
            <Route
              key={p.path}
              path={p.path}
              element={
                <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                  <p.element />
                </Suspense>
              }
            />
          ))}
        <Route element={<AppLayout />}>
          {pages
            .filter((p) => !p.bare && p.visible(me))
            .map((p) => (
              <Route key={p.path} path={p.path} element={<p.element />} />
            ))}
          <Route path="*" element={<Result status="404" title="页面不存在或无权访问" />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
