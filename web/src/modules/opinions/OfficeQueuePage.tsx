import { useState } from 'react';
import { App, Button, Card, Input, Modal, Select, Tabs, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { OpinionList } from './parts';
import { useOpinionList, useOpinionMeta } from './useOpinions';

const TABS: { key: string; label: string; status?: string }[] = [
  { key: 'submitted', label: '待受理', status: 'submitted' },
  { key: 'accepted', label: '已受理', status: 'accepted' },
  { key: 'adopted', label: '已采用', status: 'adopted' },
  { key: 'returned', label: '退回修改', status: 'returned' },
  { key: 'done', label: '不予采用/已办结', status: 'declined,closed' },
  { key: 'all', label: '全部' },
];

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

/** 社情民意办理: the office's queue by status, with filters; leaders read it too. */
export default function OfficeQueuePage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const meta = useOpinionMeta();
  const [tab, setTab] = useState('submitted');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>();
  const [year, setYear] = useState<number>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const current = TABS.find((t) => t.key === tab)!;
  const list = useOpinionList({ status: current.status, q: q || undefined, category, year, page, pageSize: 20 });
  const addCategory = useMutation({
    mutationFn: () => api.post('/api/v1/opinions/categories', { name }),
    onSuccess: () => {
      message.success('类别已添加');
      setAdding(false);
      setName('');
      void client.invalidateQueries({ queryKey: ['opinions', 'meta'] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          社情民意办理
        </Typography.Title>
      }
      extra={
        meta.data?.isOffice && (
          <Link to="/opinions/new">
            <Button icon={<EditOutlined />}>代为登记</Button>
          </Link>
        )
      }
    >
      <div className="xs-toolbar">
        <Input.Search
          placeholder="搜索标题或作者"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ maxWidth: 280 }}
        />
        <Select
          allowClear
          aria-label="年度"
          placeholder="年度"
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
          style={{ minWidth: 110 }}
        />
        <Select
          allowClear
          aria-label="类别"
          placeholder="类别"
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
          options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
          style={{ minWidth: 130 }}
        />
        {meta.data?.isOffice && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增类别
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setPage(1);
        }}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      <OpinionList list={list.data} page={page} pageSize={20} onPage={setPage} loading={list.isLoading} />
      <Modal
        open={adding}
        title="新增社情民意类别"
        onCancel={() => setAdding(false)}
        onOk={() => addCategory.mutate()}
        okButtonProps={{ disabled: !name.trim(), loading: addCategory.isPending }}
        okText="添加"
        cancelText="取消"
      >
        <Input aria-label="类别名称" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />
      </Modal>
    </Card>
  );
}
