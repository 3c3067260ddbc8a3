import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { pages } from '../modules';
import { formatTime } from '../format';

interface Todo {
  workflow: string;
  workflowLabel: string;
  recordId: string;
  title: string;
  link: string;
  statusLabel: string;
  actions: { action: string; label: string }[];
}
interface Notification {
  id: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** 工作台: what waits for me, what I was told, and where I usually go. */
export default function WorkbenchPage() {
  const { me } = useAuth();
  const todos = useQuery({ queryKey: ['todos'], queryFn: () => api.get<{ items: Todo[] }>('/api/v1/todos') });
  const notifications = useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: () => api.get<{ items: Notification[]; unread: number }>('/api/v1/notifications?limit=8'),
  });
  const shortcuts = pages.filter((p) => p.label && p.path !== '/' && me && p.visible(me)).slice(0, 8);

  return (
    <div>
      <Typography.Title level={4}>工作台</Typography.Title>
      <Typography.Paragraph type="secondary">{me?.displayName}，您好。</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={`待办事项（${todos.data?.items.length ?? 0}）`} loading={todos.isLoading}>
            {todos.data?.items.length ? (
              <List
                dataSource={todos.data.items}
                renderItem={(t) => (
                  <List.Item>
                    <List.Item.Meta
                      title={<Link to={t.link}>{t.title}</Link>}
                      description={
                        <>
                          <Tag>{t.workflowLabel}</Tag>
                          <Tag color="blue">{t.statusLabel}</Tag>
                          待：{t.actions.map((a) => a.label).join('、')}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="暂无待办" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="最新通知" extra={<Link to="/notifications">全部</Link>} loading={notifications.isLoading}>
            {notifications.data?.items.length ? (
              <List
                dataSource={notifications.data.items}
                renderItem={(n) => (
                  <List.Item>
                    <List.Item.Meta
                      title={n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                      description={
                        <>
                          {!n.readAt && <Tag color="red">未读</Tag>}
                          {formatTime(n.createdAt)}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="暂无通知" />
            )}
          </Card>
          <Card title="常用功能" style={{ marginTop: 16 }}>
            <div className="xs-shortcuts">
              {shortcuts.map((p) => (
                <Link key={p.path} to={p.path} className="xs-shortcut">
                  <span className="xs-shortcut-icon">{p.icon}</span>
                  <span>{p.label}</span>
                </Link>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
