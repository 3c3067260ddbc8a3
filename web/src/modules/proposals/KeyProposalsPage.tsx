import { useState } from 'react';
import { Card, InputNumber, Segmented, Space, Typography } from 'antd';
import { ProposalList } from './parts';
import { useProposalList } from './useProposals';

/** 重点提案 (and 优秀提案) of a year, for leaders who supervise them and for the office. */
export default function KeyProposalsPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [kind, setKind] = useState('重点提案');
  const [page, setPage] = useState(1);
  const params = kind === '重点提案' ? { isKey: true, keyYear: year } : { isExcellent: true };
  const list = useProposalList({ ...params, page, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          重点提案
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          options={['重点提案', '优秀提案']}
          value={kind}
          onChange={(v) => {
            setKind(String(v));
            setPage(1);
          }}
        />
        {kind === '重点提案' && (
          <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
        )}
      </Space>
      <ProposalList list={list.data} page={page} pageSize={20} onPage={setPage} loading={list.isLoading} showUnits empty={`暂无${kind}`} />
    </Card>
  );
}
