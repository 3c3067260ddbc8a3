import { useState } from 'react';
import { App, Button, Card, List, Popconfirm, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { download, useOpinionList } from './useOpinions';
import type { BulletinDetail } from './types';

/** One issue of 《社情民意》: its reports in order; the office adds, orders and publishes; Word for printing. */
export default function BulletinPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['opinions', 'bulletin', id],
    queryFn: () => api.get<BulletinDetail>(`/api/v1/opinions/bulletins/${id}`),
  });
  const adopted = useOpinionList({ status: 'adopted,closed', q: q || undefined, pageSize: 50 });
  const onDone = (text: string) => (data: BulletinDetail) => {
    message.success(text);
    client.setQueryData(['opinions', 'bulletin', id], data);
    void client.invalidateQueries({ queryKey: ['opinions'] });
  };
  const setItems = useMutation({
    mutationFn: (reportIds: string[]) => api.put<BulletinDetail>(`/api/v1/opinions/bulletins/${id}/items`, { reportIds }),
    onSuccess: onDone('已保存'),
    onError: (error: Error) => message.error(error.message),
  });
  const publish = useMutation({
    mutationFn: () => api.post<BulletinDetail>(`/api/v1/opinions/bulletins/${id}/publish`, {}),
    onSuccess: onDone('本期专刊已印发'),
    onError: (error: Error) => message.error(error.message),
  });
  if (query.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (query.error)
    return <Result status={(query.error as ApiError).status === 404 ? '404' : 'error'} title={(query.error as Error).message} />;
  const b = query.data!;
  const ids = b.reports.map((r) => r.id);
  const move = (from: number, to: number) => {
    const next = [...ids];
    next.splice(to, 0, ...next.splice(from, 1));
    setItems.mutate(next);
  };
  const candidates = (adopted.data?.items ?? []).filter((r) => !ids.includes(r.id) && r.adoptions.length > 0);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          《社情民意》{b.year}年第{b.number}期
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{b.title}</span>
        <span>印发日期：{b.issueDate}</span>
        <Tag color={b.status === 'published' ? 'green' : 'gold'}>{b.statusLabel}</Tag>
        <Button icon={<FileWordOutlined />} onClick={() => download(`/api/v1/opinions/bulletins/${b.id}/docx`)}>
          下载 Word
        </Button>
        {b.canEdit && (
          <Popconfirm title="印发后本期不能再修改，确定印发？" okText="印发" cancelText="取消" onConfirm={() => publish.mutate()}>
            <Button type="primary" disabled={ids.length === 0} loading={publish.isPending}>
              印发
            </Button>
          </Popconfirm>
        )}
      </Space>
      {b.canEdit && (
        <Select
          aria-label="编入信息"
          style={{ width: '100%', marginBottom: 12 }}
          placeholder="搜索已采用的信息，选择后编入本期"
          value={null}
          showSearch={{ filterOption: false, onSearch: setQ }}
          options={candidates.map((r) => ({ value: r.id, label: `${r.editedTitle ?? r.title}（${r.sourceName}）` }))}
          onChange={(reportId: string) => setItems.mutate([...ids, reportId])}
        />
      )}
      <List
        bordered
        locale={{ emptyText: '本期还没有编入信息' }}
        dataSource={b.reports}
        renderItem={(r, i) => (
          <List.Item
            data-testid="bulletin-report"
            actions={
              b.canEdit
                ? [
                    <Button
                      key="up"
                      size="small"
                      aria-label="上移"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    />,
                    <Button
                      key="down"
                      size="small"
                      aria-label="下移"
                      icon={<ArrowDownOutlined />}
                      disabled={i === b.reports.length - 1}
                      onClick={() => move(i, i + 1)}
                    />,
                    <Button
                      key="remove"
                      size="small"
                      aria-label="移出"
                      icon={<DeleteOutlined />}
                      onClick={() => setItems.mutate(ids.filter((x) => x !== r.id))}
                    />,
                  ]
                : []
            }
          >
            <div>
              <Link to={`/opinions/${r.id}`}>
                {i + 1}. {r.title}
              </Link>
              <div style={{ color: '#666', fontSize: 13 }}>
                {r.sourceName} · {r.category}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
