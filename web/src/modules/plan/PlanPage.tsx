import { App, Button, Card, Empty, Popconfirm, Space, Spin, Typography } from 'antd';
import { BarChartOutlined, FileExcelOutlined, FileWordOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ItemRow, PlanStatusTag, sectionHeading } from './parts';
import type { PlanDetail } from './types';

/** One year's plan by section, with the ledger exports and the plan's own actions. */
export default function PlanPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: ['plan', id], queryFn: () => api.get<PlanDetail>(`/api/v1/plans/${id}`) });
  const act = useMutation({
    mutationFn: (action: string) => api.post<PlanDetail>(`/api/v1/plans/${id}/actions/${action}`),
    onSuccess: (data) => {
      client.setQueryData(['plan', id], data);
      void client.invalidateQueries({ queryKey: ['plans'] });
    },
    onError: (error) => message.error(error.message),
  });
  const carry = useMutation({
    mutationFn: () => api.post<{ id: string; year: number; items: number }>(`/api/v1/plans/${id}/carry-over`),
    onSuccess: (result) => {
      message.success(`已将 ${result.items} 项未完成条目结转为 ${result.year} 年工作要点草稿`);
      void client.invalidateQueries({ queryKey: ['plans'] });
      navigate(`/plan/${result.id}`);
    },
    onError: (error) => message.error(error.message),
  });
  if (plan.isLoading) return <Spin />;
  if (!plan.data) return <Empty description={plan.error?.message ?? '工作要点不存在'} />;
  const p = plan.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {p.year} 年工作要点
            </Typography.Title>
            <PlanStatusTag status={p.status} />
          </Space>
          <Typography.Text type="secondary">
            {p.title}
            {p.documentNumber ? `（${p.documentNumber}）` : ''}
          </Typography.Text>
          <div className="xs-toolbar">
            <Link to={`/plan/${p.id}/dashboard`}>
              <Button icon={<BarChartOutlined />}>落实情况</Button>
            </Link>
            {can('plan.export') && (
              <>
                <Button icon={<FileExcelOutlined />} href={`/api/v1/plans/${p.id}/ledger.xlsx`}>
                  导出督办台账
                </Button>
                <Button icon={<FileWordOutlined />} href={`/api/v1/plans/${p.id}/document.docx`}>
                  导出 Word
                </Button>
              </>
            )}
            {p.allowedActions.map((a) => (
              <Popconfirm key={a.action} title={`确定「${a.label}」？`} onConfirm={() => act.mutate(a.action)}>
                <Button type="primary">{a.label}</Button>
              </Popconfirm>
            ))}
            {can('plan.manage') && p.status !== 'draft' && (
              <Popconfirm title="将未完成的条目结转为下一年度工作要点草稿？" onConfirm={() => carry.mutate()}>
                <Button icon={<NodeIndexOutlined />}>结转下一年度</Button>
              </Popconfirm>
            )}
          </div>
        </Space>
      </Card>
      {p.sections.map((section) => (
        <Card key={section.id} title={<span style={{ whiteSpace: 'normal' }}>{sectionHeading(section.no, section.title)}</span>}>
          {section.items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </Card>
      ))}
    </Space>
  );
}
