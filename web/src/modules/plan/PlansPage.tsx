import { Button, Card, Empty, List, Progress, Space, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, type Page } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { PlanStatusTag } from './parts';
import { ReminderSettings } from './ReminderSettings';
import type { PlanSummary } from './types';

/** 工作要点: the plans of every year, newest first. */
export default function PlansPage() {
  const { can } = useAuth();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api.get<Page<PlanSummary>>('/api/v1/plans') });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="工作要点"
        extra={
          can('plan.manage') && (
            <Link to="/plan/import">
              <Button type="primary" icon={<ImportOutlined />}>
                导入工作要点
              </Button>
            </Link>
          )
        }
      >
        {plans.data?.items.length ? (
          <List
            dataSource={plans.data.items}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/plan/${p.id}`}>{p.year} 年工作要点</Link>
                      <PlanStatusTag status={p.status} />
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                        {p.title}
                        {p.documentNumber ? `（${p.documentNumber}）` : ''}
                      </Typography.Paragraph>
                      <Space wrap size={16}>
                        <span>共 {p.itemCount} 项</span>
                        <span>已完成 {p.doneCount} 项</span>
                        <span style={{ color: p.overdueCount ? '#cf1322' : undefined }}>逾期 {p.overdueCount} 项</span>
                      </Space>
                      <Progress percent={p.itemCount ? Math.round((p.doneCount / p.itemCount) * 100) : 0} size="small" />
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description={plans.isLoading ? '加载中' : '还没有工作要点'} />
        )}
      </Card>
      {can('plan.manage') && <ReminderSettings />}
    </Space>
  );
}
