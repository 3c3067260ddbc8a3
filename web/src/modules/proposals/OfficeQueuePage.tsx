import { useState } from 'react';
import { Button, Card, Input, Select, Tabs, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import { qs } from '../../api/client';
import { ProposalList } from './parts';
import { SettingsDialog } from './SettingsDialog';
import { download, useProposalList, useProposalMeta } from './useProposals';

const TABS: { key: string; label: string; status?: string; overdue?: boolean }[] = [
  { key: 'review', label: '待审查', status: 'submitted,awaiting_cosigners' },
  { key: 'assign', label: '待交办', status: 'registered' },
  { key: 'objected', label: '申退', status: 'objected' },
  { key: 'reply_review', label: '答复待审核', status: 'reply_review' },
  { key: 'handling', label: '办理中', status: 'assigned,rehandling' },
  { key: 'overdue', label: '超期未复', overdue: true },
  { key: 'evaluate', label: '待评价/待办结', status: 'replied,evaluated' },
  { key: 'closed', label: '已办结', status: 'closed' },
  { key: 'all', label: '全部' },
];

/** 提案办理: the office's queue by status, with search and exports. */
export default function OfficeQueuePage() {
  const [tab, setTab] = useState('review');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>();
  // The current term by default: the office works on one term, and search over one term is much cheaper.
  const [termChoice, setTermChoice] = useState<string>();
  const [page, setPage] = useState(1);
  const [settings, setSettings] = useState(false);
  const meta = useProposalMeta();
  const current = TABS.find((t) => t.key === tab)!;
  const termId = termChoice ?? meta.data?.currentTermId ?? undefined;
  const filters = {
    status: current.status,
    overdue: current.overdue,
    q: q || undefined,
    category,
    termId: termId === 'all' ? undefined : termId,
  };
  const list = useProposalList({ ...filters, page, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          提案办理
        </Typography.Title>
      }
    >
      <div className="xs-toolbar">
        <Input.Search
          placeholder="搜索案由、正文、提案人"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ maxWidth: 320 }}
        />
        <Select
          aria-label="届次"
          value={termId ?? 'all'}
          onChange={(v) => {
            setTermChoice(v);
            setPage(1);
          }}
          options={[...(meta.data?.terms ?? []).map((t) => ({ value: t.id, label: t.name })), { value: 'all', label: '全部届次' }]}
          style={{ minWidth: 120 }}
        />
        <Select
          allowClear
          placeholder="类别"
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
          options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
          style={{ minWidth: 140 }}
        />
        <Button icon={<FileExcelOutlined />} onClick={() => download(`/api/v1/proposals/export.xlsx${qs(filters)}`)}>
          导出 Excel
        </Button>
        <Button icon={<FileWordOutlined />} onClick={() => download(`/api/v1/proposals/compilation.docx${qs({ termId: filters.termId })}`)}>
          提案汇编
        </Button>
        <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
          设置
        </Button>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setPage(1);
        }}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      <ProposalList list={list.data} page={page} pageSize={20} onPage={setPage} loading={list.isLoading} showUnits />
      {settings && <SettingsDialog onClose={() => setSettings(false)} />}
    </Card>
  );
}
