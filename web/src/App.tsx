import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useAuth } from './auth/auth';
import { LoginPage } from './auth/LoginPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { AppLayout } from './layout/AppLayout';
import { pages } from './modules';

export function App() {
  const { me, loading } = useAuth();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (!me) return <LoginPage />;
  if (me.mustChangePassword || me.passwordExpired) return <ChangePasswordPage forced />;
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          {pages
            .filter((p) => p.visible(me))
            .map((p) => (
              <Route key={p.path} path={p.path} element={<p.element />} />
            ))}
          <Route path="*" element={<Result status="404" title="页面不存在或无权访问" />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
