import { useMemo, useState, Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined, KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '@xieshang/shared';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { pages } from '../modules';

const { Header, Sider, Content } = Layout;

/** Menu groups in the order of the committee's work; unknown groups go before 系统管理. */
const GROUP_ORDER = [
  '',
  '工作要点',
  '协商活动',
  '提案工作',
  '社情民意',
  '联系群众',
  '履职管理',
  '通知通报',
  '统计分析',
  '组织机构',
  '系统管理',
];
const groupRank = (g: string) => {
  const i = GROUP_ORDER.indexOf(g);
  return i === -1 ? GROUP_ORDER.length - 1.5 : i;
};

/** The shell: a side menu on desktop, a drawer on phones; the menu shows only what the user may open. */
export function AppLayout() {
  const { me } = useAuth();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<{ unread: number }>('/api/v1/notifications?unread=true&limit=1'),
    refetchInterval: 60_000,
  });

  const items = useMemo((): MenuProps['items'] => {
    const visible = pages.filter((p) => p.label && me && p.visible(me));
    const groups = new Map<string, typeof visible>();
    for (const p of visible) {
      const key = p.group ?? '';
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => groupRank(a) - groupRank(b))
      .flatMap(([group, list]): NonNullable<MenuProps['items']> => {
        const entries = list.map((p) => ({ key: p.path, icon: p.icon, label: <Link to={p.path}>{p.label}</Link> }));
        return group ? [{ type: 'group', key: group, label: group, children: entries }] : entries;
      });
  }, [me]);

  const selected = pages
    .filter((p) => p.label && (location.pathname === p.path || location.pathname.startsWith(`${p.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  const logout = async () => {
    await api.post('/api/v1/auth/logout');
    client.setQueryData(['me'], null);
    navigate('/');
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div className="xs-brand">协商 · 履职平台</div>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header className="xs-header">
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="菜单" onClick={() => setDrawer(true)} />}
          {mobile && <span className="xs-brand-inline">协商</span>}
          <div style={{ flex: 1 }} />
          <Link to="/notifications" aria-label="通知">
            <Badge count={unread.data?.unread ?? 0} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          <Dropdown
            menu={{
              items: [
                { key: 'roles', label: me?.roles.map((r) => ROLE_LABELS[r]).join('、'), disabled: true },
                { key: 'account', icon: <KeyOutlined />, label: <Link to="/account">账号与安全</Link> },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: logout },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />}>
              {!mobile && me?.displayName}
            </Button>
          </Dropdown>
        </Header>
        <Content className="xs-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <Drawer
        placement="left"
        open={drawer}
        onClose={() => setDrawer(false)}
        width={260}
        title={<Typography.Text strong>协商 · 履职平台</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        {menu}
      </Drawer>
    </Layout>
  );
}
