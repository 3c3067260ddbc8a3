import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs, type Page } from '../../api/client';
import { useOpinionMeta } from './useOpinions';
import type { Bulletin } from './types';

const thisYear = new Date().getFullYear();

/** 《社情民意》专刊: the issues by year; the office starts a new one. */
export default function BulletinsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const meta = useOpinionMeta();
  const [year, setYear] = useState<number>(thisYear);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ title: string; issueDate: Dayjs }>();
  const list = useQuery({
    queryKey: ['opinions', 'bulletins', year, page],
    queryFn: () => api.get<Page<Bulletin>>(`/api/v1/opinions/bulletins${qs({ year, page, pageSize: 20 })}`),
  });
  const create = useMutation({
    mutationFn: (v: { title: string; issueDate: Dayjs }) =>
      api.post<{ id: string }>('/api/v1/opinions/bulletins', { title: v.title, issueDate: v.issueDate.format('YYYY-MM-DD') }),
    onSuccess: ({ id }) => {
      message.success('已新建一期专刊');
      void client.invalidateQueries({ queryKey: ['opinions', 'bulletins'] });
      navigate(`/opinions/bulletins/${id}`);
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          《社情民意》专刊
        </Typography.Title>
      }
      extra={
        meta.data?.isOffice && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建一期
          </Button>
        )
      }
    >
      <div className="xs-toolbar">
        <Select
          aria-label="年度"
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          style={{ minWidth: 110 }}
        />
      </div>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, size: 'small' }}
        columns={[
          { title: '期号', key: 'number', render: (_: unknown, b: Bulletin) => `${b.year}年第${b.number}期` },
          { title: '标题', key: 'title', render: (_: unknown, b: Bulletin) => <Link to={`/opinions/bulletins/${b.id}`}>{b.title}</Link> },
          { title: '印发日期', dataIndex: 'issueDate' },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, b: Bulletin) => <Tag color={b.status === 'published' ? 'green' : 'gold'}>{b.statusLabel}</Tag>,
          },
        ]}
      />
      <Modal
        open={creating}
        title="新建一期专刊"
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText="新建"
        cancelText="取消"
        okButtonProps={{ loading: create.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ issueDate: dayjs() }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label="本期标题" rules={[{ required: true, message: '请填写本期标题' }]}>
            <Input maxLength={100} placeholder="如：城市管理专辑" />
          </Form.Item>
          <Form.Item name="issueDate" label="印发日期" rules={[{ required: true, message: '请选择印发日期' }]} extra="期号按年度自动编排">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
